import type { ReleaseRegressions, ReleaseSpan, VerdictRule } from '../../protocol/queryRoutes.js';
import type { ProfileReader } from '../profiles/createProfileReader.js';
import type { Storage } from '../storage/Storage.js';
import { compareReleases } from './compareReleases.js';

/** Releases the site's page views name, at most this many looked at: one per deploy, a year of daily deploys. */
const RELEASES_READ = 100;

/**
 * The site's latest `limit` releases with `minViews` page views, each compared with the release
 * before it (the one whose first page view came last before its own first, with `minViews` too),
 * newest first, with what regressed in each.
 */
export async function findRegressions(
  storage: Storage,
  profiles: ProfileReader,
  site: string,
  { rule, minViews, limit }: { rule: VerdictRule; minViews: number; limit: number },
): Promise<ReleaseRegressions[]> {
  const releases = (await storage.releases(site, RELEASES_READ)).filter((release) => release.views >= minViews).sort((a, b) => b.firstSeen - a.firstSeen);
  const pairs = releases.slice(0, limit).flatMap((head, index): [ReleaseSpan, ReleaseSpan][] => {
    const base = releases[index + 1];
    return base ? [[base, head]] : [];
  });
  return Promise.all(
    pairs.map(async ([base, head]) => {
      const answer = await compareReleases(storage, profiles, site, { base: base.release, head: head.release }, rule);
      const regressed = <T extends { verdict: string }>(rows: T[]) => rows.filter((row) => row.verdict === 'regressed');
      return {
        release: head.release,
        base: base.release,
        firstSeen: head.firstSeen,
        views: head.views,
        vitals: regressed(answer.vitals),
        measures: regressed(answer.measures),
        functions: regressed(answer.functions),
      };
    }),
  );
}
