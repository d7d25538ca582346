// A "signal meter" screen: two approaches that do not work on iOS.
import NetworkExtension
import UIKit

final class SignalMeter {
    func refresh(_ update: @escaping (Double) -> Void) {
        NEHotspotNetwork.fetchCurrent { network in
            update(network?.signalStrength ?? 0)
        }
    }

    func statusBarBars() -> Int {
        let app = UIApplication.shared
        let bar = app.value(forKey: "statusBar") as? UIView
        return bar?.subviews.count ?? 0
    }
}
