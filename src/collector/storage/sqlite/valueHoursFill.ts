/**
 * `value_hours` made from the stored rows (prepareValueHours.ts keeps it as beacons arrive):
 * migration 16 fills it so, and retention sums again the hour its cutoff cuts. `where` bounds the
 * events (`e`) or the views. pageprof_histogram is registerHistogram's.
 * Times are non-negative, so the cast floors them to their hour.
 */
const FACET_VALUE = `CASE f.facet WHEN '' THEN '' WHEN 'page' THEN v.url WHEN 'release' THEN v.release WHEN 'device' THEN v.device_class
                     WHEN 'browser' THEN v.browser ELSE v.connection END`;

export const fillValueHours = (where: string) => `
  WITH facets (facet) AS (VALUES (''), ('page'), ('release'), ('device'), ('browser'), ('connection')),
       faceted AS (
         SELECT e.site, e.type, f.facet, e.name, CAST(e.at / 3600000 AS INTEGER) AS hour, e.rating, e.weight,
                CASE e.type WHEN 'vital' THEN e.value ELSE e.duration END AS x, ${FACET_VALUE} AS value
           FROM events e JOIN views v ON v.ref = e.view, facets f WHERE e.type IN ('vital', 'measure') AND ${where})
  INSERT INTO value_hours
    SELECT site, type, facet, value, name, hour, count(*), total(weight), total(weight) FILTER (WHERE rating = 'good'),
           total(weight) FILTER (WHERE rating = 'needs-improvement'), total(weight) FILTER (WHERE rating = 'poor'), pageprof_histogram(x)
      FROM faceted WHERE value IS NOT NULL AND x IS NOT NULL GROUP BY site, type, facet, value, name, hour`;

export const fillViewHours = (where: string) => `
  INSERT INTO value_hours
    SELECT site, 'view', 'page', url, '', CAST(started_at / 3600000 AS INTEGER) AS hour, count(*), total(weight), 0, 0, 0, X''
      FROM views WHERE ${where} GROUP BY site, url, hour`;
