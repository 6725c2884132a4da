// REDCap's rich text as a respondent reads it (interchange/redcap/rich_text.h).
#include "interchange/redcap/rich_text.h"

#include <gtest/gtest.h>

namespace parorende::redcap {
namespace {

struct RichTextCase {
  std::string cell;
  std::string text;
  bool was_html;
  bool formatting_lost;
};

TEST(RedcapRichText, TagsGoTheWordsAndLineBreaksStay) {
  const RichTextCase cases[] = {
      // REDCap's editor: line breaks in the source are spaces there.
      {"<div class=\"rich-text-field-label\"><p><strong>Om deg</strong></p>\n"
       "<p>Hvor   gammel\ner du?</p></div>",
       "Om deg\nHvor gammel er du?", true, true},
      {"Line 1\nLine 2", "Line 1\nLine 2", false, false},
      {"Alder &lt; 18 &amp; bor hjemme", "Alder < 18 & bor hjemme", true, false},
      {"Pårørende&nbsp;og venner: &oslash; &#248; &#xF8; &AElig;", "Pårørende og venner: ø ø ø Æ",
       true, false},
      // Not REDCap's editor: a line break in the cell is one on the page.
      {"Hei<br>du<br/>der\nog deg", "Hei\ndu\nder\nog deg", true, false},
      {"<ul><li>En</li><li>To</li></ul>Til slutt", "• En\n• To\nTil slutt", true, false},
      {"Se <a href=\"https://example.org\">mer her</a>.", "Se mer her.", true, true},
      {"<script>alert(1)</script><style>p {}</style>Tekst", "Tekst", true, false},
      {"<!-- for staff -->Hei", "Hei", true, false},
      {"<span style=\"color:red\">Viktig</span> tekst", "Viktig tekst", true, true},
      {"<p>En</p>\n\n\n<p></p><p></p><p>To</p>", "En\n\nTo", true, false},
      // No tag and no reference: left as written.
      {"x < 5 and y>3", "x < 5 and y>3", false, false},
      {"Tom & Jerry &unknown; &#; &#xZZ;", "Tom & Jerry &unknown; &#; &#xZZ;", false, false},
      {"<img src=\"a.png\">", "", true, true},
      {"<b>unclosed", "unclosed", true, true},
      // Angle brackets round a word that is no HTML element are text.
      {"Skriv navnet på <kommune> her", "Skriv navnet på <kommune> her", false, false},
      {"<p>Alder <18 år> eller <voksen></p>", "Alder <18 år> eller <voksen>", true, false},
  };
  for (const RichTextCase& c : cases) {
    RichText reduced = plain_text_of(c.cell);
    EXPECT_EQ(reduced.text, c.text) << c.cell;
    EXPECT_EQ(reduced.was_html, c.was_html) << c.cell;
    EXPECT_EQ(reduced.formatting_lost, c.formatting_lost) << c.cell;
  }
}

// A megabyte of what starts a tag or a reference is read in linear time.
TEST(RedcapRichText, LongRunsOfMarkupCharactersStayLinear) {
  for (char c : {'&', '<', '['}) {
    std::string cell(1 << 20, c);
    cell += '>';
    RichText reduced = plain_text_of(cell);
    EXPECT_EQ(reduced.text.size(), cell.size()) << c;
  }
  std::string scripts;
  for (int i = 0; i < 20000; ++i) scripts += "<script>x";
  EXPECT_EQ(plain_text_of(scripts).text, "");
}

TEST(RedcapRichText, BrokenMarkupNeverFails) {
  for (std::string cell : {"<", "<a", "<a href=", "&", "&#", "&#x110000;", "&#55296;", "<!--",
                           "<script>never closed", "a<>b", "</>", "<p", "&amp"}) {
    RichText reduced = plain_text_of(cell);
    EXPECT_LE(reduced.text.size(), cell.size() + 4) << cell;
  }
}

}  // namespace
}  // namespace parorende::redcap
