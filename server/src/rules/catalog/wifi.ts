// Wi-Fi and signal-strength rules (wifi-).
import type { RuleDefinition } from '../rule';
import wifiSignalStrengthNotGeneral from '../wifi-signal-strength-not-general';
import wifiSignalStrengthPrivateHack from '../wifi-signal-strength-private-hack';

export const wifiRules: RuleDefinition[] = [wifiSignalStrengthNotGeneral, wifiSignalStrengthPrivateHack];
