"""A revision comparison marks the words that changed, escapes everything,
and reads rich text as text."""

import pytest

from comunicacio.publishing import revisions
from comunicacio.publishing.models import Revision
from news.models import NewsItem


def test_inserted_and_deleted_words_are_marked():
    old, new = revisions.word_diff("El Ple aprova el pressupost", "El Ple municipal aprova el pressupost")
    assert old == "El Ple aprova el pressupost"
    assert new == "El Ple<ins> municipal</ins> aprova el pressupost"


def test_everything_is_escaped():
    old, new = revisions.word_diff("<b>Hola</b>", '<script>alert("x")</script> Hola')
    assert "<script" not in new and "<b>" not in old
    assert new.startswith("&lt;<ins>script</ins>&gt;")
    assert "&quot;x&quot;" in new


def test_rich_text_is_shown_as_text_with_its_paragraphs():
    assert (
        revisions.html_to_text("<p>Hola &amp; <strong>adéu</strong></p><p>Segon</p>")
        == "Hola & adéu\n\nSegon"
    )


@pytest.mark.django_db
def test_a_rich_text_body_is_compared_word_by_word(draft, editor):
    older = Revision.objects.create(
        target=draft, user=editor, data={"body": "<p>La piscina obre dilluns.</p>"}
    )
    newer = Revision.objects.create(
        target=draft, user=editor, data={"body": "<p>La piscina obre <strong>dimarts</strong>.</p><p>Nou</p>"}
    )
    [(label, old, new)] = revisions.compare_words(older, newer, NewsItem)
    assert label == "cos"
    assert old == "La piscina obre <del>dilluns</del>."
    assert new == "La piscina obre <ins>dimarts</ins>.<br><br><ins>Nou</ins>"
    assert "<p>" not in old + new and "strong" not in new
