"""html_rows gives what Django's format_html_join gives: every value escaped unless marked safe."""

from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy

from thiduakhenthuong.core.markup import html_rows

ROW = '<tr{}><td title="{}">{}</td><td>{}</td></tr>'


def test_each_value_is_escaped_as_a_template_would_unless_marked_safe():
    rows = [
        (mark_safe(' class="text-muted"'), "\"quoted\" & 'single'", "<script>alert(1)</script>", 42),
        ("", format_lazy("{} <i>", "lười"), mark_safe("<b>đậm</b>"), None),
    ]

    made = html_rows(ROW, rows)

    assert isinstance(made, SafeString)
    assert made == format_html_join("\n", ROW, rows)
    assert made == (
        '<tr class="text-muted"><td title="&quot;quoted&quot; &amp; &#x27;single&#x27;">'
        "&lt;script&gt;alert(1)&lt;/script&gt;</td><td>42</td></tr>\n"
        '<tr><td title="lười &lt;i&gt;"><b>đậm</b></td><td>None</td></tr>'
    )


def test_no_rows_make_nothing():
    assert html_rows(ROW, []) == ""
