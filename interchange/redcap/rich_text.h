// REDCap's rich text as the text a respondent reads. REDCap's editor
// writes labels, notes and section headers as HTML
// (`<div class="rich-text-field-label"><p><strong>Om deg</strong></p></div>`);
// a questionnaire definition holds plain text with line breaks, so the
// tags go, paragraphs and <br> become line breaks, list items get a bullet
// and character references become characters. What plain text cannot say
// (bold, italics, colour, a link's address, an image) is lost, and the
// caller reports it.
//
//   RichText label = plain_text_of(field.label);
//   if (label.formatting_lost) warn(...);
#pragma once

#include <string>
#include <string_view>

namespace parorende::redcap {

struct RichText {
  std::string text;              // line breaks as \n, runs of spaces as one
  bool was_html = false;         // there was a tag or a character reference
  bool formatting_lost = false;  // emphasis, colour, a link's address, an image
};

// Text without a tag or a character reference comes back as it is
// (was_html false). Never fails: a '<' that starts no tag is text.
RichText plain_text_of(std::string_view cell);

}  // namespace parorende::redcap
