"""Every student-facing message exists in both languages with the same placeholders."""

import string

from moderation_school.widgets.i18n import catalog


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_ru_and_en_with_the_same_placeholders():
    for key, texts in catalog().items():
        assert set(texts) == {"ru", "en"}, key
        assert _fields(texts["ru"]) == _fields(texts["en"]), key
        assert texts["ru"] != texts["en"], key
