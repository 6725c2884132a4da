// Visibility in document order, as questionnaire/response_validation.cpp decides
// it: a section's visible_if, then the item's own, each evaluated on the
// answers kept so far, so an answer hidden by an earlier one is never read
// by a later rule.
import {evaluate} from './expression.js';

function hasAnswer(value) {
  return value !== undefined && value !== null;
}

// -> {sections: Set of visible section ids, items: Set of visible item ids,
//     kept: the answers the server would keep}
export function decide(questionnaire, answers) {
  const kept = {};
  const sections = new Set();
  const items = new Set();
  for (const section of questionnaire.sections) {
    const sectionVisible = !section.visible_if || evaluate(section.visible_if, kept);
    if (sectionVisible) sections.add(section.id);
    for (const item of section.items) {
      const visible = sectionVisible && (!item.visible_if || evaluate(item.visible_if, kept));
      if (!visible) continue;
      items.add(item.id);
      if (hasAnswer(answers[item.id])) kept[item.id] = answers[item.id];
    }
  }
  // A section whose items are all hidden is not worth a screen.
  for (const section of questionnaire.sections) {
    if (sections.has(section.id) && !section.items.some((item) => items.has(item.id))) {
      sections.delete(section.id);
    }
  }
  return {sections, items, kept};
}

// The failed constraints of `item` (messages), on the kept answers up to and
// including it: the engine evaluates them right after keeping the answer.
export function failedConstraints(questionnaire, item, answers) {
  if (!item.constraints || !hasAnswer(answers[item.id])) return [];
  const upTo = {};
  const {kept} = decide(questionnaire, answers);
  for (const section of questionnaire.sections) {
    for (const other of section.items) {
      if (other.id in kept) upTo[other.id] = kept[other.id];
      if (other.id === item.id) {
        return item.constraints.filter((c) => !evaluate(c.expression, upTo)).map((c) => c.message);
      }
    }
  }
  return [];
}
