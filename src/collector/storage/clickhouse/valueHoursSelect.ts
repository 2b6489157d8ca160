import { sql, type Sql } from './sql.js';

/**
 * The hourly value summaries' rows of a set of events (migration 8): per site, hour, vital or
 * measure, facet (summaryFacets.ts: every view's '', and each view filter's value), rating and
 * histogram bucket, how many values and what they weigh (viewWeight.ts); `sign` -1 takes them out
 * again (erasure). A row's bucket is the collector's (toClickHouseRows.ts); a row stored before
 * migration 8 has none and gets it here, as histogramBucket.ts makes it. No alias is named as a
 * column of the events: in 18.16 it would stand for that column everywhere in the query, and a
 * materialized view's SELECT takes no subquery in FROM.
 */
export const valueHoursSelect = (events: Sql, where: Sql, sign: 1 | -1): Sql =>
  sql`SELECT site, day, intDiv(at, 3600000) AS hour, type AS metric, name, f.1 AS facet, f.2 AS facet_value, ifNull(rating, '') AS value_rating,
             ifNull(value_bucket, if((assumeNotNull(if(type = 'vital', value, duration)) AS x) <= 0, -32768, toInt16(ceil(log(x) / log(1.02))))) AS bucket,
             ${sign} * toInt64(count()) AS count, ${sign} * sum(weight) AS weighted
        FROM ${events}
             ARRAY JOIN [('', ''), ('page', page), ('release', ifNull(release, '')), ('device', ifNull(device_class, '')),
                         ('browser', ifNull(browser, '')), ('connection', ifNull(connection, ''))] AS f
       WHERE type IN ('vital', 'measure') AND isNotNull(if(type = 'vital', value, duration)) AND (f.1 IN ('', 'page') OR f.2 != '') AND ${where}
       GROUP BY site, day, hour, metric, name, facet, facet_value, value_rating, bucket`;
