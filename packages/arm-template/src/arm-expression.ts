import { templateExpressionInvalid } from './template-errors.js';

/**
 * The ARM template expression language, parsed: `[concat(parameters('a'), variables('b')[0].name)]`.
 * A JSON string is an expression when it starts with `[` and ends with `]`; `[[` escapes a literal leading bracket.
 */
export type Expression =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'call'; name: string; args: Expression[] }
  | { kind: 'property'; target: Expression; name: string }
  | { kind: 'index'; target: Expression; index: Expression };

export type TemplateString = { kind: 'literal'; value: string } | { kind: 'expression'; expression: Expression };

export function parseTemplateString(text: string): TemplateString {
  if (!text.startsWith('[') || !text.endsWith(']')) return { kind: 'literal', value: text };
  if (text.startsWith('[[')) return { kind: 'literal', value: text.slice(1) };
  return { kind: 'expression', expression: parseExpression(text.slice(1, -1), text) };
}

function parseExpression(source: string, original: string): Expression {
  let position = 0;

  const fail = (what: string): never => {
    throw templateExpressionInvalid(original, `${what} at position ${position + 1}`);
  };
  const skipSpaces = () => {
    while (position < source.length && /\s/.test(source[position] ?? '')) position += 1;
  };
  const expect = (char: string) => {
    skipSpaces();
    if (source[position] !== char) fail(`expected '${char}'`);
    position += 1;
  };

  const parseStringLiteral = (): Expression => {
    position += 1;
    let value = '';
    for (;;) {
      if (position >= source.length) fail('unterminated string');
      const char = source[position];
      if (char === "'") {
        if (source[position + 1] === "'") {
          value += "'";
          position += 2;
          continue;
        }
        position += 1;
        return { kind: 'string', value };
      }
      value += char;
      position += 1;
    }
  };

  const parsePrimary = (): Expression => {
    skipSpaces();
    const char = source[position] ?? '';
    if (char === "'") return parseStringLiteral();
    const number = /^-?\d+(\.\d+)?/.exec(source.slice(position));
    if (number) {
      position += number[0].length;
      return { kind: 'number', value: Number(number[0]) };
    }
    const identifier = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(position));
    if (!identifier) return fail('expected a string, number or function call');
    position += identifier[0].length;
    expect('(');
    const args: Expression[] = [];
    skipSpaces();
    if (source[position] === ')') {
      position += 1;
    } else {
      for (;;) {
        args.push(parseAccessors(parsePrimary()));
        skipSpaces();
        if (source[position] === ',') {
          position += 1;
          continue;
        }
        expect(')');
        break;
      }
    }
    return { kind: 'call', name: identifier[0], args };
  };

  const parseAccessors = (target: Expression): Expression => {
    for (;;) {
      skipSpaces();
      if (source[position] === '.') {
        position += 1;
        const name = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(source.slice(position));
        if (!name) return fail('expected a property name');
        position += name[0].length;
        target = { kind: 'property', target, name: name[0] };
      } else if (source[position] === '[') {
        position += 1;
        const index = parseAccessors(parsePrimary());
        expect(']');
        target = { kind: 'index', target, index };
      } else {
        return target;
      }
    }
  };

  const expression = parseAccessors(parsePrimary());
  skipSpaces();
  if (position !== source.length) fail('unexpected text');
  return expression;
}
