// Network interface, sockaddr, path and background-session rules (iface-, c-, wifi-, bg-).
import bgSessionSerialTaskChain from '../bg-session-serial-task-chain';
import cSockaddrPortByteOrder from '../c-sockaddr-port-byte-order';
import ifaceGetifaddrsNotFreed from '../iface-getifaddrs-not-freed';
import ifaceHardcodedBsdName from '../iface-hardcoded-bsd-name';
import ifaceLegacyIfiType from '../iface-legacy-ifi-type';
import type { RuleDefinition } from '../rule';
import wifiCheckPreferConstrained from '../wifi-check-prefer-constrained';

export const interfaceRules: RuleDefinition[] = [
  ifaceHardcodedBsdName, ifaceGetifaddrsNotFreed, wifiCheckPreferConstrained, bgSessionSerialTaskChain,
  cSockaddrPortByteOrder, ifaceLegacyIfiType,
];
