// Older Objective-C sync code: each legacy API below has a modern replacement.
//   legacy-scnetworkreachability: the preflight in -canSync
//   legacy-nsurlconnection:       the upload in -postReport:
//   legacy-nsstream-socket:       the printer link in -openPrinter:
//   legacy-cfftp:                 the catalogue download in -fetchCatalog and its ftp:// URL in -fetchPriceList
// The NSURLSession request in -fetchManifest is the recommended API and stays silent.
#import <Foundation/Foundation.h>
#import <SystemConfiguration/SystemConfiguration.h>

@interface LegacySync : NSObject
@property (nonatomic, strong) NSInputStream *printerInput;
@property (nonatomic, strong) NSOutputStream *printerOutput;
@end

@implementation LegacySync

- (BOOL)canSync {
    SCNetworkReachabilityRef target = SCNetworkReachabilityCreateWithName(kCFAllocatorDefault, "sync.example.com");
    SCNetworkReachabilityFlags flags = 0;
    BOOL ok = target != NULL && SCNetworkReachabilityGetFlags(target, &flags);
    if (target) CFRelease(target);
    return ok && (flags & kSCNetworkReachabilityFlagsReachable);
}

- (void)postReport:(NSData *)report {
    NSMutableURLRequest *request = [NSMutableURLRequest requestWithURL:[NSURL URLWithString:@"https://sync.example.com/report"]];
    request.HTTPMethod = @"POST";
    request.HTTPBody = report;
    [NSURLConnection sendAsynchronousRequest:request queue:[NSOperationQueue mainQueue]
                           completionHandler:^(NSURLResponse *response, NSData *data, NSError *error) {
        NSLog(@"report sent: %@", error);
    }];
}

- (void)fetchManifest {
    NSURL *url = [NSURL URLWithString:@"https://sync.example.com/manifest.json"];
    [[[NSURLSession sharedSession] dataTaskWithURL:url completionHandler:^(NSData *data, NSURLResponse *response, NSError *error) {
        NSLog(@"manifest: %lu bytes", (unsigned long)data.length);
    }] resume];
}

- (void)openPrinter:(NSString *)host {
    NSInputStream *input = nil;
    NSOutputStream *output = nil;
    [NSStream getStreamsToHostWithName:host port:9100 inputStream:&input outputStream:&output];
    self.printerInput = input;
    self.printerOutput = output;
    [input open];
    [output open];
}

- (void)fetchCatalog:(NSURL *)catalogURL {
    CFReadStreamRef stream = CFReadStreamCreateWithFTPURL(kCFAllocatorDefault, (__bridge CFURLRef)catalogURL);
    CFReadStreamSetProperty(stream, kCFStreamPropertyFTPUsePassiveMode, kCFBooleanTrue);
    CFReadStreamOpen(stream);
}

- (void)fetchPriceList {
    NSURL *prices = [NSURL URLWithString:@"ftp://files.example.com/pub/prices.csv"];
    [[[NSURLSession sharedSession] downloadTaskWithURL:prices] resume];
}

@end
