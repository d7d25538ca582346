// Multipeer Connectivity names shared by the mpc- rules.

/** Classes and protocols whose use means the file depends on Multipeer Connectivity. */
export const MPC_TYPES = new Set([
  'MCSession', 'MCPeerID', 'MCNearbyServiceAdvertiser', 'MCNearbyServiceBrowser', 'MCAdvertiserAssistant',
  'MCBrowserViewController', 'MCSessionDelegate', 'MCNearbyServiceAdvertiserDelegate',
  'MCNearbyServiceBrowserDelegate', 'MCAdvertiserAssistantDelegate', 'MCBrowserViewControllerDelegate',
]);

export const MPC_MODULE = 'MultipeerConnectivity';

/** Where Apple marked the framework deprecated: the Xcode 27 SDK headers (API_DEPRECATED "Use Network Framework instead"). */
export const MPC_DEPRECATION = {
  since: 'iOS 27.0, iPadOS 27.0, macOS 27.0, tvOS 27.0, visionOS 27.0 (Xcode 27 SDK)',
  source: 'https://developer.apple.com/documentation/multipeerconnectivity',
};
