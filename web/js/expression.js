// The visible_if / constraint language of questionnaire/expression.cpp, for live
// display only: the server re-checks everything and stays the authority.
//
// Answers are plain values keyed by item id: a number (single choice code,
// integer, decimal), true/false (yes/no), a string (text, municipality,
// date "YYYY-MM-DD") or an array of codes (multiple choice). A missing key
// is "no answer".

class ExpressionError extends Error {}

function tokenize(source) {
  const tokens = [];
  let i = 0;
  const isStart = (c) => /[A-Za-z_]/.test(c);
  const isPart = (c) => /[A-Za-z0-9_]/.test(c);
  const isDigit = (c) => c >= '0' && c <= '9';
  while (true) {
    while (i < source.length && ' \t\n\r'.includes(source[i])) i++;
    const column = i + 1;
    if (i >= source.length) {
      tokens.push({type: 'end', column});
      return tokens;
    }
    const c = source[i];
    if (isStart(c)) {
      const start = i;
      while (i < source.length && isPart(source[i])) i++;
      tokens.push({type: 'identifier', text: source.slice(start, i), column});
    } else if (isDigit(c) || (c === '-' && isDigit(source[i + 1] ?? ''))) {
      const start = i;
      if (c === '-') i++;
      while (i < source.length && (isDigit(source[i]) || source[i] === '.')) i++;
      const text = source.slice(start, i);
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) throw new ExpressionError(`column ${column}: '${text}' is not a number`);
      tokens.push({type: 'number', number: Number(text), text, column});
    } else if (c === '\'' || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(`column ${column}: text has no closing quote`);
      tokens.push({type: 'text', text: source.slice(i + 1, end), column});
      i = end + 1;
    } else if ('()[],'.includes(c)) {
      tokens.push({type: c, text: c, column});
      i++;
    } else {
      const ops = [['==', '='], ['!=', '!='], ['<>', '!='], ['<=', '<='], ['>=', '>='], ['=', '='], ['<', '<'], ['>', '>']];
      const found = ops.find(([symbol]) => source.startsWith(symbol, i));
      if (!found) throw new ExpressionError(`column ${column}: unexpected character '${c}'`);
      tokens.push({type: 'compare', op: found[1], text: found[0], column});
      i += found[0].length;
    }
  }
}

function parse(source) {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const advance = () => tokens[pos++];
  const isKeyword = (word) => peek().type === 'identifier' && peek().text === word;
  const fail = (what) => { throw new ExpressionError(`column ${peek().column}: expected ${what}`); };
  const expect = (type) => { if (peek().type !== type) fail(`'${type}'`); advance(); };

  function literal() {
    const token = peek();
    if (token.type === 'number') { advance(); return token.number; }
    if (token.type === 'text') { advance(); return token.text; }
    if (isKeyword('true') || isKeyword('false')) { advance(); return token.text === 'true'; }
    return fail('a number, text, true or false');
  }

  function value() {
    const token = peek();
    if (token.type === '(') {
      advance();
      const inner = or();
      expect(')');
      return inner;
    }
    if (token.type === 'identifier' && (token.text === 'answered' || token.text === 'selected') &&
        tokens[pos + 1].type === '(') {
      const isSelected = advance().text === 'selected';
      advance();
      if (peek().type !== 'identifier') fail('an item id');
      const item = advance().text;
      let node;
      if (isSelected) {
        expect(',');
        if (peek().type !== 'number' || !Number.isInteger(peek().number)) fail('an option code');
        node = {kind: 'selected', item, code: advance().number};
      } else {
        node = {kind: 'answered', item};
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

  function comparison() {
    const left = value();
    if (peek().type === 'compare') {
      const op = advance().op;
      return {kind: 'compare', op, left, right: value()};
    }
    if (isKeyword('in')) {
      advance();
      expect('[');
      const list = [literal()];
      while (peek().type === ',') { advance(); list.push(literal()); }
      expect(']');
      return {kind: 'in', value: left, list};
    }
    return left;
  }

  function not() {
    if (isKeyword('not')) { advance(); return {kind: 'not', operand: not()}; }
    return comparison();
  }

  function and() {
    const operands = [not()];
    while (isKeyword('and')) { advance(); operands.push(not()); }
    return operands.length === 1 ? operands[0] : {kind: 'and', operands};
  }

  function or() {
    const operands = [and()];
    while (isKeyword('or')) { advance(); operands.push(and()); }
    return operands.length === 1 ? operands[0] : {kind: 'or', operands};
  }

  const root = or();
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

function valueOf(node, answers) {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'item') return answers[node.item];
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
