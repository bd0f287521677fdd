package io.opsgate.engine.console;

import java.util.Map;

/**
 * The few pages the server renders itself, before a session exists or when one is refused: sign-in, a
 * refusal with its reason, and the tenant chooser. Plain HTML with the console's style sheet and no script;
 * every value is escaped.
 */
final class Pages {
    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("title.signin", "Sign in"),
            Map.entry("signin.sso", "Sign in with single sign-on"),
            Map.entry("signin.user", "User name"),
            Map.entry("signin.password", "Password"),
            Map.entry("signin.submit", "Sign in"),
            Map.entry("signin.none", "No sign-in is configured for this tenant. An administrator sets spec.console.oidc "
                    + "in the Tenant (or starts a standalone engine with --oidc-issuer or --console-users-file)."),
            Map.entry("reason.expired", "Your session has expired. Please sign in again."),
            Map.entry("reason.signed-out", "You have signed out."),
            Map.entry("reason.invalid", "Your session is not valid any more. Please sign in again."),
            Map.entry("title.refused", "Not allowed"),
            Map.entry("again", "Sign in again"),
            Map.entry("title.choose", "Open a tenant's console"),
            Map.entry("choose.tenant", "Tenant"),
            Map.entry("choose.open", "Open"),
            Map.entry("tenant", "Tenant"));
    private static final Map<String, String> JA = Map.ofEntries(
            Map.entry("title.signin", "サインイン"),
            Map.entry("signin.sso", "シングルサインオンでサインイン"),
            Map.entry("signin.user", "ユーザー名"),
            Map.entry("signin.password", "パスワード"),
            Map.entry("signin.submit", "サインイン"),
            Map.entry("signin.none", "このテナントにはサインイン方法が設定されていません。管理者が Tenant の spec.console.oidc を"
                    + "設定するか、スタンドアロンのエンジンを --oidc-issuer または --console-users-file 付きで起動してください。"),
            Map.entry("reason.expired", "セッションの有効期限が切れました。もう一度サインインしてください。"),
            Map.entry("reason.signed-out", "サインアウトしました。"),
            Map.entry("reason.invalid", "セッションが無効です。もう一度サインインしてください。"),
            Map.entry("title.refused", "許可されていません"),
            Map.entry("again", "もう一度サインイン"),
            Map.entry("title.choose", "テナントのコンソールを開く"),
            Map.entry("choose.tenant", "テナント"),
            Map.entry("choose.open", "開く"),
            Map.entry("tenant", "テナント"));

    private Pages() {
    }

    static String text(Language lang, String key) {
        return (lang == Language.JA ? JA : EN).getOrDefault(key, key);
    }

    /** The sign-in page of a tenant: a single sign-on button, a password form, or the note that there is none. */
    static String signIn(Language lang, String tenant, IdentityChoice choice, String notice, String signInToken) {
        StringBuilder body = new StringBuilder();
        if (notice != null) {
            body.append("<p class=\"notice\" role=\"status\">").append(esc(notice)).append("</p>");
        }
        switch (choice) {
            case OIDC -> body.append("<a class=\"button primary\" id=\"sso\" href=\"/console/").append(esc(tenant))
                    .append("/login/oidc\">").append(esc(text(lang, "signin.sso"))).append("</a>");
            case LOCAL -> body.append("<form method=\"post\" action=\"/console/").append(esc(tenant)).append("/login\">")
                    .append("<input type=\"hidden\" name=\"signin\" value=\"").append(esc(signInToken)).append("\">")
                    .append("<label>").append(esc(text(lang, "signin.user")))
                    .append("<input name=\"username\" id=\"username\" autocomplete=\"username\" required></label>")
                    .append("<label>").append(esc(text(lang, "signin.password")))
                    .append("<input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>")
                    .append("<button class=\"primary\" id=\"signin\" type=\"submit\">").append(esc(text(lang, "signin.submit")))
                    .append("</button></form>");
            case NONE -> body.append("<p>").append(esc(text(lang, "signin.none"))).append("</p>");
        }
        return page(lang, text(lang, "title.signin") + " · " + tenant, tenant, body.toString());
    }

    /** A refusal: what happened and what to do, with a link to sign in again when the tenant is known. */
    static String refused(Language lang, String tenant, String reason, String message) {
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"error\" id=\"refusal\" data-reason=\"").append(esc(reason)).append("\">")
                .append(esc(message)).append("</p>");
        if (tenant != null) {
            body.append("<a class=\"button\" href=\"/console/").append(esc(tenant)).append("/login\">")
                    .append(esc(text(lang, "again"))).append("</a>");
        }
        return page(lang, text(lang, "title.refused"), tenant, body.toString());
    }

    /** The chooser of a listener that serves several tenants; it does not list them. */
    static String chooser(Language lang) {
        String body = "<form method=\"get\" action=\"/console/\"><label>" + esc(text(lang, "choose.tenant"))
                + "<input name=\"tenant\" required pattern=\"[a-z0-9]([-a-z0-9]*[a-z0-9])?\" maxlength=\"63\"></label>"
                + "<button class=\"primary\" type=\"submit\">" + esc(text(lang, "choose.open")) + "</button></form>";
        return page(lang, text(lang, "title.choose"), null, body);
    }

    private static String page(Language lang, String title, String tenant, String body) {
        return "<!doctype html><html lang=\"" + lang.code() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · opsgate</title><link rel=\"stylesheet\" href=\"/console/assets/app.css\"></head>"
                + "<body class=\"page\"><main class=\"card\"><h1>opsgate</h1>"
                + (tenant == null ? "" : "<p class=\"muted\">" + esc(text(lang, "tenant")) + ": <b id=\"tenant\">" + esc(tenant) + "</b></p>")
                + "<h2>" + esc(title) + "</h2>" + body + "</main></body></html>";
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** How the sign-in page offers to sign in. */
    enum IdentityChoice { OIDC, LOCAL, NONE }
}
