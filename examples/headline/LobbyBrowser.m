// The Objective-C side of the same app: a lobby that hosts an unencrypted session.
@import MultipeerConnectivity;

@interface LobbyBrowser : NSObject <MCSessionDelegate>
@property (nonatomic, strong) MCSession *session;
@end

@implementation LobbyBrowser

- (instancetype)initWithName:(NSString *)name {
    if ((self = [super init])) {
        MCPeerID *peer = [[MCPeerID alloc] initWithDisplayName:name];
        _session = [[MCSession alloc] initWithPeer:peer securityIdentity:nil encryptionPreference:MCEncryptionNone];
        _session.delegate = self;
    }
    return self;
}

@end
