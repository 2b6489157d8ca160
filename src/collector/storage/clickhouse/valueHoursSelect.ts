import { sql, type Sql } from './sql.js';

/**
 * The hourly value summaries' rows of a set of events (migration 8): per site, hour, vital or
 * measure, facet (summaryFacets.ts: every view's '', and each view filter's value), rating and
 * histogram bucket, how many values and what they weigh (viewWeight.ts); `sign` -1 takes them out
 * again (erasure). A row's bucket is the collector's (toClickHouseRows.ts); a row stored before
 * migration 8 has none and gets it here, as histogramBucket.ts makes it. The events are read in a
 * subquery under names no column has: in 18.16 an alias named as a column (`value`, `rating`)
 * would stand for it everywhere in its query.
 */
export const valueHoursSelect = (events: Sql, where: Sql, sign: 1 | -1): Sql =>
  sql`SELECT site, day, intDiv(at, 3600000) AS hour, type AS metric, name, f.1 AS facet, f.2 AS value, ifNull(r, '') AS rating, b AS bucket,
             ${sign} * toInt64(count()) AS count, ${sign} * sum(w) AS weighted
        FROM (SELECT site, day, at, type, name, page, release, device_class, browser, connection, rating AS r, weight AS w,
                     ifNull(value_bucket, if(x <= 0, -32768, toInt16(ceil(log(x) / log(1.02))))) AS b
                FROM (SELECT *, assumeNotNull(if(type = 'vital', value, duration)) AS x FROM ${events}
                       WHERE type IN ('vital', 'measure') AND isNotNull(if(type = 'vital', value, duration)) AND ${where}))
             ARRAY JOIN [('', ''), ('page', page), ('release', ifNull(release, '')), ('device', ifNull(device_class, '')),
                         ('browser', ifNull(browser, '')), ('connection', ifNull(connection, ''))] AS f
       WHERE f.1 IN ('', 'page') OR f.2 != ''
       GROUP BY site, day, hour, metric, name, facet, value, rating, bucket`;
