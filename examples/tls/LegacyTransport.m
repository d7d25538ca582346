// An older Objective-C transport layer: session configuration and a Network framework fallback.
#import <Foundation/Foundation.h>
#import <Network/Network.h>

@interface LegacyTransport : NSObject
@property (nonatomic, strong) NSURLSession *session;
@end

@implementation LegacyTransport

- (instancetype)init {
    if ((self = [super init])) {
        NSURLSessionConfiguration *config = [NSURLSessionConfiguration defaultSessionConfiguration];
        config.TLSMinimumSupportedProtocol = kTLSProtocol1;
        _session = [NSURLSession sessionWithConfiguration:config delegate:self delegateQueue:nil];
    }
    return self;
}

- (NSURLSession *)modernSession {
    NSURLSessionConfiguration *config = [NSURLSessionConfiguration ephemeralSessionConfiguration];
    config.TLSMinimumSupportedProtocolVersion = tls_protocol_version_TLSv12;
    return [NSURLSession sessionWithConfiguration:config];
}

- (void)URLSession:(NSURLSession *)session didReceiveChallenge:(NSURLAuthenticationChallenge *)challenge
 completionHandler:(void (^)(NSURLSessionAuthChallengeDisposition, NSURLCredential *))completionHandler {
    if (![challenge.protectionSpace.authenticationMethod isEqualToString:NSURLAuthenticationMethodServerTrust]) {
        completionHandler(NSURLSessionAuthChallengePerformDefaultHandling, nil);
        return;
    }
    SecTrustRef trust = challenge.protectionSpace.serverTrust;
    CFErrorRef error = NULL;
    if (trust != NULL && SecTrustEvaluateWithError(trust, &error)) {
        completionHandler(NSURLSessionAuthChallengeUseCredential, [NSURLCredential credentialForTrust:trust]);
    } else {
        completionHandler(NSURLSessionAuthChallengeCancelAuthenticationChallenge, nil);
        if (error) CFRelease(error);
    }
}

- (nw_parameters_t)accessoryParameters {
    nw_parameters_configure_protocol_block_t configureTLS = ^(nw_protocol_options_t tlsOptions) {
        sec_protocol_options_t sec = nw_tls_copy_sec_protocol_options(tlsOptions);
        sec_protocol_options_set_min_tls_protocol_version(sec, tls_protocol_version_TLSv12);
        sec_protocol_options_set_verify_block(sec, ^(sec_protocol_metadata_t metadata, sec_trust_t peer,
                                                     sec_protocol_verify_complete_t complete) {
            complete(true);
        }, dispatch_get_main_queue());
    };
    return nw_parameters_create_secure_tcp(configureTLS, NW_PARAMETERS_DEFAULT_CONFIGURATION);
}

@end
