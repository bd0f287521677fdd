package io.opsgate.engine.console;

import java.util.Locale;

/** The console's languages and how a request picks one: {@code ?lang=}, else Accept-Language, else English. */
enum Language {
    EN, JA;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language of a request: an explicit choice, else the first of ja/en in Accept-Language by weight. */
    static Language of(String explicit, String acceptLanguage) {
        if ("ja".equals(explicit)) {
            return JA;
        }
        if ("en".equals(explicit) || acceptLanguage == null) {
            return EN;
        }
        double ja = -1;
        double en = -1;
        int position = 0;
        for (String part : acceptLanguage.split(",")) {
            String[] fields = part.strip().split(";");
            String tag = fields[0].strip().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].strip();
                if (f.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(f.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            // Earlier tags win ties, as the header lists them in preference order.
            double score = q - position++ * 1e-6;
            if ((tag.equals("ja") || tag.startsWith("ja-")) && score > ja) {
                ja = score;
            } else if ((tag.equals("en") || tag.startsWith("en-")) && score > en) {
                en = score;
            }
        }
        return ja > 0 && ja > en ? JA : EN;
    }
}
