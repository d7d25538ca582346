// Parses .netadvisor.json (JSON with comments) and validates it against the schema shipped in schemas/.
import Ajv, { type ErrorObject } from 'ajv';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import schema from '../../../../schemas/netadvisor.schema.json';
import { ConfigError, type ConfigFile } from './types';

const validate = new Ajv({ allErrors: true, strict: false }).compile<ConfigFile>(schema);

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the file';
  if (error.keyword === 'additionalProperties') return `${where}: unknown setting "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${where}: must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
  return `${where}: ${error.message ?? 'is invalid'}`;
}

/** Returns the parsed config or throws ConfigError with line/column or schema path. */
export function parseConfigText(file: string, text: string): ConfigFile {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    const line = text.slice(0, first.offset).split('\n').length;
    throw new ConfigError(file, `invalid JSON at line ${line}: ${printParseErrorCode(first.error)}`);
  }
  if (!validate(value)) throw new ConfigError(file, (validate.errors ?? []).map(describe).join('; '));
  return value;
}
