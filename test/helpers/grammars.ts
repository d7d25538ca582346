// One Grammars instance with all three grammars loaded, shared by the engine tests.
import { Grammars } from '../../server/src/parse/grammars';

let shared: Promise<Grammars> | undefined;

export function loadedGrammars(): Promise<Grammars> {
  shared ??= (async () => {
    const grammars = new Grammars();
    await Promise.all([grammars.load('swift'), grammars.load('objc'), grammars.load('c')]);
    return grammars;
  })();
  return shared;
}
