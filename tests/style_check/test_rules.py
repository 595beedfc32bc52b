"""The accessibility and clear-language check, rule by rule: what it
flags (with the offending part and its place), and what it leaves alone."""

import pytest

from comunicacio import style_check


def rules(text: str, *, catalan: bool = True) -> list[str]:
    return [finding.rule for finding in style_check.check_text(text, "cos", catalan=catalan)]


def matches(text: str, rule: str) -> list[str]:
    return [f.match for f in style_check.check_text(text, "cos") if f.rule == rule]


class TestImageAlt:
    @pytest.mark.parametrize(
        "alt", [None, "", "  ", "imatge", "Imatge.", "foto", "IMG_2041.JPG", "cartell.png", "DSC0042"]
    )
    def test_meaningless_alt_texts(self, alt):
        assert style_check.meaningless_alt(alt)

    @pytest.mark.parametrize(
        "alt",
        [
            "Façana de l'Ajuntament amb la pancarta",
            "La piscina plena d'infants",
            "Logotip de la fira 2026 en colors",
        ],
    )
    def test_descriptions_pass(self, alt):
        assert not style_check.meaningless_alt(alt)

    def test_an_image_in_html_is_reported_with_its_file_name(self):
        [finding] = style_check.check_text('<p>Mireu: <img src="/media/IMG_1234.jpg" alt=""></p>', "cos")
        assert finding.rule == "image_alt" and finding.match == "IMG_1234.jpg"

    def test_the_items_image_alt(self):
        [finding] = style_check.check_values(_model(), {}, image_alt="foto.jpg", has_image=True)
        assert finding.rule == "image_alt" and finding.field == "imatge"
        assert style_check.check_values(_model(), {}, image_alt="Plaça Major en festa", has_image=True) == []
        assert style_check.check_values(_model(), {}, image_alt=None, has_image=False) == []


def _model():
    from news.models import NewsItem

    return NewsItem


class TestVagueLinks:
    @pytest.mark.parametrize(
        "text", ["clica aquí", "Aquí", "més informació", "Més informació.", "feu clic aquí"]
    )
    def test_links_that_say_nothing(self, text):
        html = f'<p>Les inscripcions, <a href="https://example.org/">{text}</a>.</p>'
        [finding] = style_check.check_text(html, "cos")
        assert finding.rule == "vague_link" and finding.match == text
        assert finding.before.endswith("Les inscripcions, ")

    def test_a_link_that_names_its_destination_passes(self):
        assert rules('<p>Consulteu <a href="/x">el calendari de la piscina</a>.</p>') == []

    def test_the_words_outside_a_link_are_not_a_link(self):
        assert rules("<p>Més informació a l'oficina d'atenció ciutadana.</p>") == []


class TestHeadings:
    def test_a_skipped_level_is_reported_at_the_heading(self):
        [finding] = style_check.check_text("<h2>Horaris</h2><p>Text.</p><h4>Estiu</h4>", "cos")
        assert finding.rule == "heading_skip" and finding.match == "Estiu"
        assert "nivell 4" in finding.message and "nivell 2" in finding.message

    def test_starting_below_h2_skips_a_level(self):
        assert rules("<h3>Horaris</h3>") == ["heading_skip"]

    def test_levels_in_order_and_going_back_up_pass(self):
        assert rules("<h2>A</h2><h3>B</h3><h4>C</h4><h2>D</h2><h3>E</h3>") == []


class TestAllCaps:
    def test_shouting_is_reported(self):
        assert matches("ATENCIÓ: TALL D'AIGUA AL BARRI. Demà.", "all_caps") == [
            "ATENCIÓ: TALL D'AIGUA AL BARRI"
        ]

    @pytest.mark.parametrize("text", ["La UE i l'IVA.", "El CAP i l'OAC obren.", "Ajuntament de Vilanova"])
    def test_acronyms_pass(self, text):
        assert rules(text) == []


class TestLongSentences:
    def test_a_sentence_over_forty_words(self):
        sentence = " ".join(["paraula"] * 41) + "."
        [finding] = style_check.check_text(f"Curta. {sentence} Una altra.", "cos")
        assert finding.rule == "long_sentence" and "41" in finding.message
        assert finding.match == sentence and finding.before == "Curta. "

    def test_forty_words_pass_and_decimal_points_do_not_end_a_sentence(self):
        assert rules(" ".join(["paraula"] * 40) + ".") == []
        # Two sentences of 25 words would pass, one of 50 does not: the
        # points of "10.30 h" and "1.500" do not split it.
        long_one = " ".join(["mot"] * 24) + " a les 10.30 h amb 1.500 " + " ".join(["mot"] * 22) + "."
        assert rules(long_one) == ["long_sentence"]


class TestHours:
    @pytest.mark.parametrize(
        ("text", "found", "suggested"),
        [
            ("Obre a les 10:30h.", "10:30h", "10.30 h"),
            ("Obre a les 10:30 h.", "10:30 h", "10.30 h"),
            ("Obre a les 10:30.", "10:30", "10.30 h"),
            ("Obre a les 10,30 h.", "10,30 h", "10.30 h"),
            ("Obre a les 10,30.", "10,30", "10.30 h"),
            ("Obre a les 10.30h.", "10.30h", "10.30 h"),
            ("Obre a les 10h.", "10h", "10 h"),
        ],
    )
    def test_hours_in_other_styles(self, text, found, suggested):
        [finding] = style_check.check_text(text, "cos")
        assert (finding.rule, finding.match) == ("hour_format", found)
        assert f"«{suggested}»" in finding.message

    @pytest.mark.parametrize(
        "text",
        ["Obre a les 10.30 h.", "Obre a les 10 h.", "Costa 10,30 euros.", "Resultat: 3-1.", "Versió 2.10"],
    )
    def test_the_catalan_style_and_numbers_pass(self, text):
        assert rules(text) == []

    @pytest.mark.parametrize(
        ("text", "found"),
        [("Obert 9-14h.", "9-14h"), ("Obert 9 - 14 h.", "9 - 14 h"), ("Obert 9.00-14.00 h.", "9.00-14.00 h")],
    )
    def test_ranges(self, text, found):
        [finding] = style_check.check_text(text, "cos")
        assert (finding.rule, finding.match) == ("hour_range", found)
        assert "«de 9 a 14 h»" in finding.message

    def test_a_range_in_words_passes(self):
        assert rules("Obert de 9 a 14 h i de 16.30 a 19 h.") == []

    def test_spanish_text_is_not_held_to_catalan_style(self):
        assert rules("Abre a las 10:30h, el 26/11/2026, y el ayuntamiento.", catalan=False) == []


class TestDates:
    def test_numeric_dates_in_running_text(self):
        [finding] = style_check.check_text("La fira és el 26/11/2026 a la plaça.", "cos")
        assert (finding.rule, finding.match) == ("numeric_date", "26/11/2026")
        assert "«26 de novembre de 2026»" in finding.message

    def test_elision_and_two_digit_years(self):
        [finding] = style_check.check_text("Des del 3-4-26.", "cos")
        assert "«3 d'abril de 2026»" in finding.message

    @pytest.mark.parametrize(
        "text", ["El 26 de novembre de 2026.", "Expedient 33/13/2026.", "Resultat 1/2.", "Ref. 2026/11/26"]
    )
    def test_dates_in_words_and_numbers_that_are_not_dates_pass(self, text):
        assert rules(text) == []


class TestInstitutions:
    @pytest.mark.parametrize(
        ("text", "found", "proper"),
        [
            ("Ho aprova l'ajuntament.", "l'ajuntament", "l'Ajuntament"),
            ("Ho ha aprovat el ple.", "el ple", "el Ple"),
            ("La sessió del ple és avui.", "del ple", "del Ple"),
            ("Ho organitza la policia local.", "la policia local", "la Policia Local"),
            ("Seu de l'alcaldia.", "de l'alcaldia", "de l'Alcaldia"),
        ],
    )
    def test_institutions_in_lower_case(self, text, found, proper):
        [finding] = style_check.check_text(text, "cos")
        assert (finding.rule, finding.match) == ("institution_capitals", found)
        assert f"«{proper}»" in finding.message

    @pytest.mark.parametrize(
        "text",
        [
            "Ho aprova l'Ajuntament en el Ple.",
            "Els ajuntaments de la comarca.",
            "En ple centre del poble.",
            "Té el ple dret a participar.",
            "Un ple extraordinari.",
        ],
    )
    def test_capitals_plurals_and_the_adjective_pass(self, text):
        assert rules(text) == []


class TestFindings:
    def test_excerpt_shows_the_place_in_the_text(self):
        text = (
            "Primer paràgraf llarg amb moltes paraules abans. L'acte és a les 10:30h a la plaça de la vila."
        )
        [finding] = style_check.check_text(text, "cos")
        assert finding.excerpt.replace("…", "") in text
        assert finding.position == text.index("10:30h")
        assert finding.before.startswith("…")

    def test_findings_come_in_text_order(self):
        text = "El 26/11/2026 a les 10:30h ho diu l'ajuntament."
        assert rules(text) == ["numeric_date", "hour_format", "institution_capitals"]

    def test_rich_text_is_read_as_text(self):
        html = "<p>Obre a les <strong>10.30 h</strong>.</p><p>L&#39;Ajuntament &amp; el Ple.</p>"
        assert rules(html) == []

    def test_empty_values(self):
        assert style_check.check_text("", "cos") == [] and style_check.check_text("   ", "cos") == []


class TestFields:
    def test_every_text_field_of_every_content_type_and_no_code(self):
        from comunicacio import registry

        for spec in registry.content_specs():
            names = {field.name for field in style_check.checked_fields(spec.model)}
            assert names, spec.name
            assert "slug" not in names and "status" not in names

    def test_news_fields(self):
        names = {field.name for field in style_check.checked_fields(_model())}
        assert {"title", "summary", "body", "title_es", "summary_es", "body_es"} <= names
        assert not names & {"slug", "status", "kind", "contact_email"}

    def test_values_name_the_field_and_spanish_fields_skip_catalan_rules(self):
        findings = style_check.check_values(
            _model(), {"summary": "Obre a les 10:30h.", "summary_es": "Abre a las 10:30h.", "slug": "10:30h"}
        )
        assert [(f.rule, f.field) for f in findings] == [("hour_format", "resum")]


def test_a_field_full_of_mistakes_gets_the_first_fifty():
    findings = style_check.check_text("A les 10:30h. " * 200, "cos")
    assert len(findings) == style_check.MAX_FINDINGS_PER_FIELD
    assert findings[0].position == text_position("A les 10:30h. ", "10:30h")


def text_position(text, part):
    return text.index(part)
