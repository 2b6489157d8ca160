import type { ResolvedFrame, Symbolicator } from './createSymbolicator.js';
import type { ProfileQuery, ProfileStorage, StoredFunction } from '../storage/ProfileStorage.js';
import type { ResolvedStack } from './ResolvedStack.js';

export type ResolvedFunction = Omit<StoredFunction, 'frame' | 'release'> & { frame: ResolvedFrame };

/** Profiles as the read side shows them: stored stacks and per-function times, their frames symbolicated. */
export function createProfileReader(storage: ProfileStorage, symbolicator: Symbolicator) {
  return {
    async stacks(query: ProfileQuery): Promise<ResolvedStack[]> {
      const stacks = await storage.stacks(query);
      const frames = await symbolicator.resolve(query.site, stacks, (stack) => stack.frames);
      return stacks.map(({ release: _release, frames: _frames, ...sampled }, index) => ({ frames: frames[index] ?? [], ...sampled }));
    },
    async functions(query: ProfileQuery): Promise<ResolvedFunction[]> {
      const stored = await storage.functions(query);
      const frames = await symbolicator.resolve(query.site, stored, (fn) => [fn.frame]);
      return stored.flatMap(({ release: _release, frame: _frame, ...times }, index) => {
        const frame = frames[index]?.[0];
        return frame ? [{ frame, ...times }] : [];
      });
    },
  };
}

export type ProfileReader = ReturnType<typeof createProfileReader>;
