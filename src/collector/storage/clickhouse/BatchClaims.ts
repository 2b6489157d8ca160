import type { BatchKey } from './toClickHouseRows.js';

/**
 * What a collector learns when it claims a batch before storing it:
 * - `new`: no collector stored or tried it; this one holds it now.
 * - `retry`: an earlier try did not finish (its collector died or its insert failed), so some of
 *   its rows may be stored; this one holds it now and stores what is missing.
 * - `duplicate`: stored already; nothing to do.
 * - `busy`: another collector holds it right now; ask again shortly.
 */
export type Claim = 'new' | 'retry' | 'duplicate' | 'busy';

/** Where collectors agree on which batches are stored: ZooKeeper on a cluster, this process alone otherwise. */
export interface BatchClaims {
  claim(keys: readonly BatchKey[]): Promise<Claim[]>;
  /** Every row of these batches is stored: later claims answer `duplicate`. */
  stored(keys: readonly BatchKey[]): Promise<void>;
  /** Storing them failed (some rows may have landed): later claims answer `retry`. */
  release(keys: readonly BatchKey[]): Promise<void>;
  /** Claims of batches received before `cutoff` (epoch ms) are no longer needed: retention removed their rows. */
  forgetBefore(cutoff: number): Promise<void>;
  /** The collectors holding claims here now, this one included. */
  collectors(): number;
  close(): Promise<void>;
}
