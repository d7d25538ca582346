// tls-psk-key-same-as-identity: sec_protocol_options_add_pre_shared_key whose key and identity are built from the same data.
import type { Node } from 'web-tree-sitter';
import { cCalleeName, swiftCalleeName } from './apis/tls';
import { defineRule, type RuleVisitors } from './rule';
import { resolveCName } from './syntax/c-bindings';
import { cCall, objcMessage } from './syntax/c-family';
import { swiftCall, swiftMember } from './syntax/swift';
import { resolveSwiftName } from './syntax/swift-bindings';
import { namedChildren } from './syntax/tree';

const ADD_PSK = 'sec_protocol_options_add_pre_shared_key';

/** How far `let b = a`, `let c = b`… chains are followed. */
const MAX_DEPTH = 6;

/** Trailing members that only view the same bytes (`identity.bytes`, `secret.utf8`, `[name UTF8String]`). */
const VIEW_MEMBERS = new Set(['bytes', 'length', 'count', 'utf8', 'utf8CString', 'UTF8String', 'size', 'startIndex', 'endIndex']);

/** `a.b.c` with `self.` dropped and byte views trimmed: the variable the data comes from. */
function trimPath(parts: string[]): string[] {
  const kept = (parts[0] === 'self' ? parts.slice(1) : [...parts]).map((p) => p.replace(/^_+/, ''));
  while (kept.length > 1 && VIEW_MEMBERS.has(kept[kept.length - 1])) kept.pop();
  return kept;
}

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

/** `a.b.c` made only of names (and `self`): its parts, else undefined. */
function swiftPath(node: Node): string[] | undefined {
  if (node.type === 'simple_identifier') return [node.text];
  if (node.type === 'self_expression') return ['self'];
  const member = swiftMember(node);
  if (!member?.target) return undefined;
  const head = swiftPath(member.target);
  return head && [...head, member.name];
}

/** The call a closure is passed to directly (trailing closure or argument). */
function callTakingClosure(closure: Node): Node | undefined {
  for (let n = closure.parent; n; n = n.parent) {
    if (n.type === 'call_expression') return n;
    if (!['call_suffix', 'value_arguments', 'value_argument', 'annotated_lambda'].includes(n.type)) return undefined;
  }
  return undefined;
}

function closureParameterNames(closure: Node): string[] {
  const params = closure.childForFieldName('type')?.namedChildren.find((c) => c?.type === 'lambda_function_type_parameters');
  return namedChildren(params ?? closure).filter((p) => p.type === 'lambda_parameter')
    .map((p) => namedChildren(p).find((c) => c.type === 'simple_identifier')?.text ?? '');
}

/** The variables and literals a Swift expression takes its bytes from, following local `let`s. */
function swiftSources(expr: Node, depth: number, ignored: Set<string>, out: Set<string>): void {
  switch (expr.type) {
    case 'simple_identifier': {
      if (/^\$\d+$/.test(expr.text) || ignored.has(expr.text)) return;
      const binding = depth < MAX_DEPTH ? resolveSwiftName(expr) : undefined;
      if (binding?.value && (binding.kind === 'variable' || binding.kind === 'optionalBinding')) {
        swiftSources(binding.value, depth + 1, ignored, out);
      } else if (binding?.kind === 'closureParameter' && binding.closure) {
        // `key.withUnsafeBytes { raw in … DispatchData(bytes: raw) … }`: `raw` is a view of `key`.
        const call = callTakingClosure(binding.closure);
        const receiver = call ? swiftCall(call)?.receiver : undefined;
        if (receiver) swiftSources(receiver, depth + 1, ignored, out);
        else out.add(`${expr.text}@${binding.closure.startIndex}`);
      } else {
        out.add(expr.text);
      }
      return;
    }
    case 'navigation_expression': {
      const path = swiftPath(expr);
      if (path) {
        const trimmed = trimPath(path);
        // `identity.utf8` is the local `identity`: follow it. `creds.key` stays a path: two members of one
        // value are different data even when the value comes from one call.
        if (trimmed.length === 1 && path[0] !== 'self') {
          let root = expr;
          while (root.type === 'navigation_expression' && root.childForFieldName('target')) root = root.childForFieldName('target')!;
          swiftSources(root, depth, ignored, out);
        } else {
          out.add(trimmed.join('.'));
        }
        return;
      }
      const target = expr.childForFieldName('target');
      if (target) swiftSources(target, depth, ignored, out);
      return;
    }
    case 'call_expression': {
      const call = swiftCall(expr);
      if (!call) break;
      // The callee's name (`DispatchData`, `withUnsafeBytes`) is not data; its receiver and arguments are.
      if (call.receiver) swiftSources(call.receiver, depth, ignored, out);
      for (const arg of call.arguments) if (arg.value) swiftSources(arg.value, depth, ignored, out);
      for (const closure of call.trailingClosures) swiftSources(closure, depth, ignored, out);
      return;
    }
    case 'lambda_literal': {
      const inner = new Set([...ignored, ...closureParameterNames(expr)]);
      for (const child of namedChildren(expr)) if (child.type === 'statements') swiftSources(child, depth, inner, out);
      return;
    }
    case 'line_string_literal':
    case 'multi_line_string_literal':
      out.add(expr.text);
      return;
    case 'prefix_expression':
      // `.utf8` and other implicit members name no variable; `&x` and `-x` do.
      if (expr.child(0)?.type === '.') return;
      break;
    case 'user_type':
    case 'type_identifier':
    case 'value_argument_label':
    case 'integer_literal':
    case 'boolean_literal':
      return;
    default:
      break;
  }
  for (const child of namedChildren(expr)) swiftSources(child, depth, ignored, out);
}

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

function cPath(node: Node): string[] | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'field_expression') {
    const head = node.childForFieldName('argument');
    const field = node.childForFieldName('field');
    const parts = head && cPath(head);
    return parts && field ? [...parts, field.text] : undefined;
  }
  return undefined;
}

/** Macros, constants and class names (`DISPATCH_DATA_DESTRUCTOR_DEFAULT`, `NSUTF8StringEncoding`, `NSData`). */
const looksConstant = (name: string) => /^[A-Z]/.test(name) || /^k[A-Z]/.test(name);

function cSources(expr: Node, depth: number, ignored: Set<string>, out: Set<string>): void {
  switch (expr.type) {
    case 'identifier': {
      if (ignored.has(expr.text) || ['self', 'nil', 'NULL', 'YES', 'NO'].includes(expr.text)) return;
      const binding = depth < MAX_DEPTH ? resolveCName(expr) : undefined;
      if (binding?.value && binding.kind === 'variable') cSources(binding.value, depth + 1, ignored, out);
      else if (binding || !looksConstant(expr.text)) out.add(expr.text);
      return;
    }
    case 'field_expression': {
      const path = cPath(expr);
      if (!path) break;
      const trimmed = trimPath(path);
      if (trimmed.length === 1 && path[0] !== 'self') {
        let root = expr;
        while (root.type === 'field_expression' && root.childForFieldName('argument')) root = root.childForFieldName('argument')!;
        cSources(root, depth, ignored, out);
      } else {
        out.add(trimmed.join('.'));
      }
      return;
    }
    case 'call_expression': {
      // The function's name is not data; its arguments are.
      const args = expr.childForFieldName('arguments');
      if (args) for (const arg of namedChildren(args)) cSources(arg, depth, ignored, out);
      return;
    }
    case 'message_expression': {
      const message = objcMessage(expr);
      if (!message) break;
      if (message.receiver) {
        const receiver = message.receiver;
        const path = cPath(receiver);
        // `[identity UTF8String]`, `[self.identity dataUsingEncoding:…]`: the receiver is the data.
        if (path && !(path.length === 1 && looksConstant(path[0]))) cSources(receiver, depth, ignored, out);
        else if (!path) cSources(receiver, depth, ignored, out);
      }
      for (const keyword of message.keywords) if (keyword.argument) cSources(keyword.argument, depth, ignored, out);
      return;
    }
    case 'block_literal': {
      const params = namedChildren(expr).find((c) => c.type === 'parameter_list');
      const names = params ? namedChildren(params).map((p) => p.childForFieldName('declarator')?.text ?? '') : [];
      const inner = new Set([...ignored, ...names]);
      for (const child of namedChildren(expr)) if (child.type === 'compound_statement') cSources(child, depth, inner, out);
      return;
    }
    case 'string_literal':
    case 'concatenated_string':
      out.add(expr.text.replace(/^@/, ''));
      return;
    case 'type_descriptor':
    case 'number_literal':
    case 'null':
    case 'true':
    case 'false':
    case 'sizeof_expression':
      return;
    case 'cast_expression': {
      const value = expr.childForFieldName('value');
      if (value) cSources(value, depth, ignored, out);
      return;
    }
    default:
      break;
  }
  for (const child of namedChildren(expr)) cSources(child, depth, ignored, out);
}

const sameSources = (a: Set<string>, b: Set<string>) => a.size > 0 && a.size === b.size && [...a].every((x) => b.has(x));
const compact = (text: string) => text.replace(/\s+/g, '');

export default defineRule({
  id: 'tls-psk-key-same-as-identity',
  title: 'TLS pre-shared key built from the same data as its identity',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'medium',
  article: 'tls-psk-key-same-as-identity',
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), section Plan for security (the TLS-PSK snippet builds both DispatchData values from `identity`)',
    'Apple Developer Forums: TLS for App Developers (DTS): TLS-PSK for local traffic such as Wi-Fi accessories',
    'https://developer.apple.com/documentation/security/sec_protocol_options_add_pre_shared_key(_:_:_:)',
    'RFC 8446 section 4.2.11 (pre_shared_key): PSK identities are sent in the clear in the ClientHello',
  ],
  messages: {
    same: 'The pre-shared key is built from the same data as the PSK identity ({{source}}), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.',
  },
  triggers: ['sec_protocol_options_add_pre_shared_key'],
  knownLimitations: [
    'Sources are compared by the variables (and string literals) each argument is built from, following `let`/local variable chains in the same function; data that reaches both arguments through a helper function, a property set elsewhere, or a different file is not traced.',
    'A key derived from the identity together with other data (for example HKDF over a master secret with the identity as info) is not flagged: only arguments built from exactly the same sources are.',
  ],
  create(context): RuleVisitors {
    const check = (keyArg: Node, identityArg: Node, sources: (n: Node) => Set<string>) => {
      const key = sources(keyArg);
      const identity = sources(identityArg);
      const same = sameSources(key, identity) || (key.size === 0 && identity.size === 0 && compact(keyArg.text) === compact(identityArg.text));
      if (!same) return;
      const source = key.size > 0 ? [...key].sort().join(', ') : identityArg.text;
      context.report({ node: keyArg, data: { source } });
    };
    if (context.language === 'swift') {
      return {
        call_expression(node) {
          if (swiftCalleeName(node) !== ADD_PSK) return;
          const call = swiftCall(node);
          if (call?.name !== ADD_PSK || call.receiver || call.arguments.length !== 3) return;
          const [, key, identity] = call.arguments.map((a) => a.value);
          if (!key || !identity) return;
          check(key, identity, (n) => {
            const out = new Set<string>();
            swiftSources(n, 0, new Set(), out);
            return out;
          });
        },
      };
    }
    return {
      call_expression(node) {
        if (cCalleeName(node) !== ADD_PSK) return;
        const call = cCall(node);
        if (call?.name !== ADD_PSK || call.arguments.length !== 3) return;
        check(call.arguments[1], call.arguments[2], (n) => {
          const out = new Set<string>();
          cSources(n, 0, new Set(), out);
          return out;
        });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        {
          code: 'func configurePSK(_ sec: sec_protocol_options_t, identity: Data, key: Data) {\n  let identityData = identity.withUnsafeBytes { DispatchData(bytes: $0) }\n  let keyData = identity.withUnsafeBytes { DispatchData(bytes: $0) }\n  sec_protocol_options_add_pre_shared_key(sec, ⟦keyData as dispatch_data_t⟧, identityData as dispatch_data_t)\n}',
          messages: ['The pre-shared key is built from the same data as the PSK identity (identity), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
          note: 'the key copied from the identity by mistake',
        },
        {
          code: 'identity.withUnsafeBytes { raw in\n  let keyData = DispatchData(bytes: raw)\n  Data(identity).withUnsafeBytes { idRaw in\n    sec_protocol_options_add_pre_shared_key(options, ⟦keyData as dispatch_data_t⟧, DispatchData(bytes: idRaw) as dispatch_data_t)\n  }\n}',
          messages: ['The pre-shared key is built from the same data as the PSK identity (identity), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
          note: 'through closure parameters',
        },
        {
          code: 'let psk = DispatchData(bytes: UnsafeRawBufferPointer(start: token, count: token.count))\nsec_protocol_options_add_pre_shared_key(options, ⟦psk as __DispatchData⟧, psk as __DispatchData)',
          messages: ['The pre-shared key is built from the same data as the PSK identity (token), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
          note: 'the same variable twice',
        },
        {
          code: 'func secure(_ options: sec_protocol_options_t, accessory: Accessory) {\n  let name = Data(accessory.serial.utf8)\n  let secret = accessory.serial.data(using: .utf8)!\n  sec_protocol_options_add_pre_shared_key(options, ⟦secret.withUnsafeBytes { DispatchData(bytes: $0) } as dispatch_data_t⟧,\n                                          name.withUnsafeBytes { buffer in DispatchData(bytes: buffer) } as dispatch_data_t)\n}',
          messages: ['The pre-shared key is built from the same data as the PSK identity (accessory.serial), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
          note: 'different spellings, same source',
        },
      ],
      valid: [
        {
          code: 'func configurePSK(_ sec: sec_protocol_options_t, identity: Data, key: Data) {\n  let identityData = identity.withUnsafeBytes { DispatchData(bytes: $0) }\n  let keyData = key.withUnsafeBytes { DispatchData(bytes: $0) }\n  sec_protocol_options_add_pre_shared_key(sec, keyData as dispatch_data_t, identityData as dispatch_data_t)\n}',
          note: 'key from the key, identity from the identity',
        },
        {
          code: 'let keyData = pairing.secret.withUnsafeBytes { DispatchData(bytes: $0) }\nlet idData = pairing.clientID.withUnsafeBytes { DispatchData(bytes: $0) }\nsec_protocol_options_add_pre_shared_key(options, keyData as dispatch_data_t, idData as dispatch_data_t)',
          note: 'two members of one value',
        },
        {
          code: 'let derived = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: deviceID, outputByteCount: 32)\nlet keyData = derived.withUnsafeBytes { DispatchData(bytes: $0) }\nlet idData = deviceID.withUnsafeBytes { DispatchData(bytes: $0) }\nsec_protocol_options_add_pre_shared_key(options, keyData as dispatch_data_t, idData as dispatch_data_t)',
          note: 'key derived from a secret plus the identity',
        },
        {
          code: 'key.withUnsafeBytes { buffer in\n  let keyData = DispatchData(bytes: buffer)\n  identity.withUnsafeBytes { buffer in\n    let idData = DispatchData(bytes: buffer)\n    sec_protocol_options_add_pre_shared_key(options, keyData as dispatch_data_t, idData as dispatch_data_t)\n  }\n}',
          note: 'nested closures whose parameters share a name',
        },
        {
          code: 'sec_protocol_options_add_pre_shared_key(options, loadKey() as dispatch_data_t, loadIdentity() as dispatch_data_t)',
          note: 'different helper calls',
        },
        {
          code: '// sec_protocol_options_add_pre_shared_key(sec, identityDD, identityDD)\nlet hint = "key and identity must differ"',
          note: 'comment and string',
        },
      ],
    },
    objc: {
      invalid: [
        {
          code: 'sec_protocol_options_add_pre_shared_key(options, ⟦psk⟧, psk);',
          messages: ['The pre-shared key is built from the same data as the PSK identity (psk), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
        },
        {
          code: '- (void)configure:(sec_protocol_options_t)options {\n  NSData *identity = [self.serial dataUsingEncoding:NSUTF8StringEncoding];\n  dispatch_data_t identityData = dispatch_data_create(identity.bytes, identity.length, NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  dispatch_data_t keyData = dispatch_data_create(identity.bytes, identity.length, NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  sec_protocol_options_add_pre_shared_key(options, ⟦keyData⟧, identityData);\n}',
          messages: ['The pre-shared key is built from the same data as the PSK identity (serial), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
        },
        {
          code: 'sec_protocol_options_add_pre_shared_key(options, ⟦(dispatch_data_t)self.token⟧, (dispatch_data_t)self.token);',
          messages: ['The pre-shared key is built from the same data as the PSK identity (token), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
        },
      ],
      valid: [
        '- (void)configure:(sec_protocol_options_t)options {\n  dispatch_data_t identityData = dispatch_data_create(self.identity.bytes, self.identity.length, NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  dispatch_data_t keyData = dispatch_data_create(self.key.bytes, self.key.length, NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  sec_protocol_options_add_pre_shared_key(options, keyData, identityData);\n}',
        'sec_protocol_options_add_pre_shared_key(options, (dispatch_data_t)pskData, (dispatch_data_t)pskIdentityData);',
        '// sec_protocol_options_add_pre_shared_key(options, psk, psk);\nNSString *s = @"sec_protocol_options_add_pre_shared_key(options, psk, psk)";',
      ],
    },
    c: {
      invalid: [
        {
          code: 'void add_psk(sec_protocol_options_t options, const char *identity) {\n  dispatch_data_t id_data = dispatch_data_create(identity, strlen(identity), NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  dispatch_data_t key_data = dispatch_data_create(identity, strlen(identity), NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  sec_protocol_options_add_pre_shared_key(options, ⟦key_data⟧, id_data);\n}',
          messages: ['The pre-shared key is built from the same data as the PSK identity (identity), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
        },
        {
          code: 'void add_psk(sec_protocol_options_t options, dispatch_data_t secret) {\n  sec_protocol_options_add_pre_shared_key(options, ⟦secret⟧, secret);\n}',
          messages: ['The pre-shared key is built from the same data as the PSK identity (secret), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
        },
        {
          code: 'void add_psk(sec_protocol_options_t options, struct accessory *acc) {\n  dispatch_data_t d = dispatch_data_create(acc->serial, sizeof(acc->serial), NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  sec_protocol_options_add_pre_shared_key(options, ⟦d⟧, dispatch_data_create(acc->serial, sizeof(acc->serial), NULL, NULL));\n}',
          messages: ['The pre-shared key is built from the same data as the PSK identity (acc.serial), and the identity travels in the clear during the handshake: build the key argument from your secret key bytes.'],
        },
      ],
      valid: [
        'void add_psk(sec_protocol_options_t options, const char *identity, const uint8_t *key, size_t key_len) {\n  dispatch_data_t id_data = dispatch_data_create(identity, strlen(identity), NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  dispatch_data_t key_data = dispatch_data_create(key, key_len, NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n  sec_protocol_options_add_pre_shared_key(options, key_data, id_data);\n}',
        'void add_psk(sec_protocol_options_t options, struct accessory *acc) {\n  sec_protocol_options_add_pre_shared_key(options, make_data(acc->secret), make_data(acc->serial));\n}',
        '/* sec_protocol_options_add_pre_shared_key(options, key, key); */\nconst char *msg = "key, key";',
      ],
    },
  },
});
