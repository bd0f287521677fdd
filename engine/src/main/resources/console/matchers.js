// Alertmanager's matcher syntax, as amtool and the API's filter take it: name="value", name!="value",
// name=~"regex", name!~"regex", separated by commas, optionally in braces.

/** Parses matcher text into silence matchers {name, value, isRegex, isEqual}; throws on bad input. */
export function parseMatchers(text) {
  let s = text.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  const result = [];
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s"]*))\s*(,|$)/y;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) throw new Error(`cannot read a matcher at "${s.slice(pos, pos + 20)}"`);
    const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[4];
    result.push({name: m[1], value, isRegex: m[2].endsWith('~'), isEqual: !m[2].startsWith('!')});
    pos = re.lastIndex;
    if (m[5] === '') break;
  }
  return result;
}

/** The text form of silence matchers. */
export function formatMatchers(matchers) {
  return '{' + matchers.map(m => `${m.name}${m.isEqual ? '' : '!'}${m.isRegex ? '=~' : '='}"${
    m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(', ') + '}';
}

/** Matchers that select exactly an alert's label set. */
export function fromLabels(labels) {
  return Object.entries(labels).map(([name, value]) => ({name, value, isRegex: false, isEqual: true}));
}
