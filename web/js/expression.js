// The visible_if / constraint language of questionnaire/expression.h, for live
// display only: the server re-checks everything and stays the authority.
// tests/data/expression_cases.json holds the cases both must agree on.
//
// Answers are plain values keyed by item id: a number (single choice code,
// integer, decimal), true/false (yes/no), a string (text, municipality,
// date "YYYY-MM-DD") or an array of codes (multiple choice). A missing key
// is "no answer".

// A syntax error, as the engine reports it: code, 1-based column (in
// characters) and reason; the message is "column N: reason".
class ExpressionError extends Error {
  constructor(column, reason) {
    super(`column ${column}: ${reason}`);
    this.code = 'invalid_expression';
    this.column = column;
    this.reason = reason;
  }
}

// Expressions are short; this bounds recursion on hostile input.
const MAX_NESTING = 64;
const MAX_LENGTH = 4000;

function describe(token) {
  if (token.type === 'end') return 'the end of the expression';
  if (token.type === 'text') return `text '${token.text}'`;
  return `'${token.text}'`;
}

function tokenize(source) {
  const tokens = [];
  let i = 0;
  // Columns count characters (code points), like the engine's, not UTF-16 units.
  let counted = 0;
  let column = 1;
  const columnAt = (offset) => {
    for (; counted < offset; counted++) {
      const unit = source.charCodeAt(counted);
      if (unit < 0xDC00 || unit > 0xDFFF) column++;
    }
    return column;
  };
  const isStart = (c) => /[A-Za-z_]/.test(c);
  const isPart = (c) => /[A-Za-z0-9_]/.test(c);
  const isDigit = (c) => c >= '0' && c <= '9';
  while (true) {
    while (i < source.length && ' \t\n\r'.includes(source[i])) i++;
    const at = columnAt(i);
    if (i >= source.length) {
      tokens.push({type: 'end', column: at});
      return tokens;
    }
    const c = source[i];
    if (isStart(c)) {
      const start = i;
      while (i < source.length && isPart(source[i])) i++;
      tokens.push({type: 'identifier', text: source.slice(start, i), column: at});
    } else if (isDigit(c) || (c === '-' && isDigit(source[i + 1] ?? ''))) {
      const start = i;
      if (c === '-') i++;
      while (i < source.length && (isDigit(source[i]) || source[i] === '.')) i++;
      const text = source.slice(start, i);
      const number = Number(text);
      if (!/^-?\d+\.?\d*$/.test(text) || !Number.isFinite(number)) {
        throw new ExpressionError(at, `'${text}' is not a number`);
      }
      tokens.push({type: 'number', number, text, column: at});
    } else if (c === '\'' || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(at, 'text starting here has no closing quote');
      tokens.push({type: 'text', text: source.slice(i + 1, end), column: at});
      i = end + 1;
    } else if ('()[],'.includes(c)) {
      tokens.push({type: c, text: c, column: at});
      i++;
    } else {
      const ops = [['==', '='], ['!=', '!='], ['<>', '!='], ['<=', '<='], ['>=', '>='], ['=', '='], ['<', '<'], ['>', '>']];
      const found = ops.find(([symbol]) => source.startsWith(symbol, i));
      if (!found) {
        throw new ExpressionError(at, `unexpected character '${String.fromCodePoint(source.codePointAt(i))}'`);
      }
      tokens.push({type: 'compare', op: found[1], text: found[0], column: at});
      i += found[0].length;
    }
  }
}

// The grammar and its depth count follow questionnaire/expression_parser.cpp
// step for step, so that both stop at the same token.
function parse(source) {
  // The engine's limit is in bytes of UTF-8.
  if (new TextEncoder().encode(source).length > MAX_LENGTH) {
    throw new ExpressionError(MAX_LENGTH, `expression is longer than ${MAX_LENGTH} bytes`);
  }
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const advance = () => tokens[pos++];
  const isKeyword = (word) => peek().type === 'identifier' && peek().text === word;
  const fail = (what) => { throw new ExpressionError(peek().column, `expected ${what}, found ${describe(peek())}`); };
  const expect = (type) => { if (peek().type !== type) fail(`'${type}'`); advance(); };
  const limit = (depth) => {
    if (depth > MAX_NESTING) throw new ExpressionError(peek().column, 'expression is nested too deeply');
  };

  function literal() {
    const token = peek();
    if (token.type === 'number') { advance(); return token.number; }
    if (token.type === 'text') { advance(); return token.text; }
    if (isKeyword('true') || isKeyword('false')) { advance(); return token.text === 'true'; }
    return fail('a number, text, true or false');
  }

  function value(depth) {
    limit(depth);
    const token = peek();
    if (token.type === '(') {
      advance();
      const inner = or(depth + 1);
      expect(')');
      return inner;
    }
    if (token.type === 'identifier' && ['answered', 'selected', 'number'].includes(token.text) &&
        tokens[pos + 1].type === '(') {
      const name = advance().text;
      const isSelected = name === 'selected';
      advance();
      if (peek().type !== 'identifier') fail('an item id');
      const item = advance().text;
      let node;
      if (isSelected) {
        expect(',');
        const code = peek();
        if (code.type !== 'number' || !Number.isInteger(code.number) || Math.abs(code.number) > 1e12) {
          fail('an option code');
        }
        node = {kind: 'selected', item, code: advance().number};
      } else {
        node = {kind: name, item};
      }
      expect(')');
      return node;
    }
    if (token.type === 'identifier' && token.text !== 'true' && token.text !== 'false') {
      if (['and', 'or', 'not', 'in'].includes(token.text)) fail('a value');
      return {kind: 'item', item: advance().text};
    }
    return {kind: 'literal', value: literal()};
  }

  function comparison(depth) {
    const left = value(depth + 1);
    if (peek().type === 'compare') {
      const op = advance().op;
      return {kind: 'compare', op, left, right: value(depth + 1)};
    }
    if (isKeyword('in')) {
      advance();
      if (peek().type !== '[') fail("'[' after 'in'");
      advance();
      const list = [];
      while (true) {
        list.push(literal());
        if (peek().type === ',') { advance(); continue; }
        if (peek().type === ']') { advance(); break; }
        fail("',' or ']'");
      }
      return {kind: 'in', value: left, list};
    }
    return left;
  }

  function not(depth) {
    limit(depth);
    if (isKeyword('not')) { advance(); return {kind: 'not', operand: not(depth + 1)}; }
    return comparison(depth + 1);
  }

  function and(depth) {
    limit(depth);
    const operands = [not(depth + 1)];
    while (isKeyword('and')) { advance(); operands.push(not(depth + 1)); }
    return operands.length === 1 ? operands[0] : {kind: 'and', operands};
  }

  function or(depth) {
    limit(depth);
    const operands = [and(depth + 1)];
    while (isKeyword('or')) { advance(); operands.push(and(depth + 1)); }
    return operands.length === 1 ? operands[0] : {kind: 'or', operands};
  }

  const root = or(0);
  if (peek().type !== 'end') fail("'and', 'or' or the end");
  return root;
}

// The kind of a runtime value, as the engine sees it; null = no answer.
function kindOf(value) {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return 'codes';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'text';
}

function compare(op, left, right) {
  const kind = kindOf(left);
  if (kind === null || kind === 'codes' || kind !== kindOf(right)) return false;
  switch (op) {
    case '=': return left === right;
    case '!=': return left !== right;
    case '<': return left < right;
    case '<=': return left <= right;
    case '>': return left > right;
    case '>=': return left >= right;
    default: return false;
  }
}

// number(x) of a text answer, as the engine reads it: blanks around an
// optional sign and digits with at most one decimal point; else no value.
const NUMBER_TEXT = /^[ \t]*[+-]?(\d+\.?\d*|\.\d+)[ \t]*$/;

function numberOf(value) {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || !NUMBER_TEXT.test(value)) return null;
  const number = Number(value.trim());
  return Number.isFinite(number) ? number : null;
}

function valueOf(node, answers) {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'item') return answers[node.item];
  if (node.kind === 'number') return numberOf(answers[node.item]);
  return evaluateNode(node, answers);
}

function evaluateNode(node, answers) {
  switch (node.kind) {
    case 'literal': return node.value === true;
    case 'item': return answers[node.item] === true;
    case 'answered': return answers[node.item] !== undefined && answers[node.item] !== null;
    case 'selected': {
      const codes = answers[node.item];
      return Array.isArray(codes) && codes.includes(node.code);
    }
    case 'compare': return compare(node.op, valueOf(node.left, answers), valueOf(node.right, answers));
    case 'in': {
      const value = valueOf(node.value, answers);
      if (Array.isArray(value)) return value.some((code) => node.list.some((literal) => compare('=', code, literal)));
      return node.list.some((literal) => compare('=', value, literal));
    }
    case 'not': return !evaluateNode(node.operand, answers);
    case 'and': return node.operands.every((operand) => evaluateNode(operand, answers));
    case 'or': return node.operands.some((operand) => evaluateNode(operand, answers));
    default: return false;
  }
}

const cache = new Map();

// Compiles `source` once; an expression that does not parse is treated as
// false (hidden), the safe side: the server decides in the end.
export function compile(source) {
  if (cache.has(source)) return cache.get(source);
  let compiled;
  try {
    const root = parse(source);
    compiled = (answers) => evaluateNode(root, answers);
  } catch {
    compiled = () => false;
  }
  cache.set(source, compiled);
  return compiled;
}

export function evaluate(source, answers) {
  return compile(source)(answers);
}

export {parse, ExpressionError};
