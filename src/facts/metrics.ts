/** What a metric is called in tables and charts, and the unit its number is usually counted in. */
export interface MetricInfo {
  /** Label in tables and chart panels, e.g. `Victims identified`. */
  readonly label: string;
  /**
   * The unit the metric is normally counted in: a number in that unit is shown bare under a
   * column headed by the label; a number in any other unit is shown with its unit.
   */
  readonly unit: string;
}

/**
 * The closed vocabulary of `figure.metric` in facts.yaml. A closed list is what makes figures
 * machine-readable: a typo is a schema error instead of a silently missing table cell. To
 * add a metric, add it here (and to the README's "Add a fact").
 */
export const metrics = {
  investigations: { label: 'Investigations', unit: 'investigations' },
  prosecutions: { label: 'Prosecutions', unit: 'offenders' },
  'prosecution-cases': { label: 'Prosecution cases', unit: 'new cases' },
  convictions: { label: 'Convictions', unit: 'convictions' },
  'labour-trafficking-convictions': { label: 'Labour trafficking convictions', unit: 'persons' },
  'victims-identified': { label: 'Victims identified', unit: 'persons' },
  'victim-care-funding': { label: 'Victim-care funding', unit: 'USD' },
  'shelter-funding': { label: 'Shelter funding', unit: 'USD' },
  shelters: { label: 'Shelters', unit: 'shelters' },
  'ngo-shelters-licensed': { label: 'NGO shelters licensed for trafficking victims only', unit: 'shelters' },
  raids: { label: 'Raids on bars and cafes', unit: 'raids' },
  'raids-per-victim-identified': { label: 'Raids per victim identified', unit: 'raids' },
  'civil-suits': { label: 'Civil suits filed by victims', unit: 'suits' },
  'victims-employed': { label: 'Victims employed under the tax-incentive programme', unit: 'persons' },
  'officials-investigated': { label: 'Officials investigated for complicity', unit: 'persons' },
  'officials-prosecuted': { label: 'Officials prosecuted for complicity', unit: 'persons' },
  'officials-convicted': { label: 'Officials convicted for complicity', unit: 'persons' },
  'anti-trafficking-officers': { label: 'Officers assigned to investigate trafficking', unit: 'percent' },
  'police-recruits-trained': { label: 'New police recruits trained', unit: 'persons' },
  'border-officials-trained': { label: 'Customs and border officials trained', unit: 'persons' },
  'teachers-trained': { label: 'Teachers trained', unit: 'persons' },
  'sms-recipients': { label: 'Mobile subscribers sent anti-trafficking SMS', unit: 'subscribers' },
  'children-catalogued': { label: 'Children who beg catalogued by the pilot project', unit: 'children' },
  'child-share-of-victims': { label: 'Share of victims who were children', unit: 'percent' },
  'people-in-prostitution': { label: 'People in prostitution (estimate)', unit: 'persons' },
  'venues-with-prostitution': { label: 'Bars, cafeterias and night clubs with prostitution', unit: 'venues' },
} as const satisfies Record<string, MetricInfo>;

/** A metric id, such as `victims-identified`. */
export type MetricId = keyof typeof metrics;

/** Every metric id, for the schema. */
export const metricIds = Object.keys(metrics) as [MetricId, ...MetricId[]];

/** Units that are amounts of money, with the sign they are written with. */
export const currencies: Readonly<Record<string, string>> = { USD: '$', EUR: '€' };

/** What kind of scale a unit belongs on: charts never put money and head counts on one axis. */
export function unitScale(unit: string): 'money' | 'percent' | 'count' {
  if (unit in currencies) return 'money';
  if (unit === 'percent') return 'percent';
  return 'count';
}
