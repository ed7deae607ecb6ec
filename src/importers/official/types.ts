/**
 * Normalized records for official statistical series (IRCC, IRB), one per published figure.
 *
 * Convention for totals: a total record OMITS the dimensions it sums over, and its period is the
 * span it sums over. So the cells of a total are the non-total records of the same series and
 * vintage whose dims contain all of the total's dims and whose period lies inside the total's
 * period. Examples (IRCC office-type workbook):
 *   Quebec × Airport × Jan 2024   dims {officeType: 'AIRPORT', province: 'CA-QC'}, period {2024, 1}
 *   'Airport - Total' × Jan 2024  dims {officeType: 'AIRPORT'}, isTotal
 *   'Total ' × '2024 Total'       dims {}, period {year: 2024}, isTotal
 */

export interface Period {
  year: number;
  month?: number;
  quarter?: number;
}

export interface OfficialRecord {
  /** Stable id of the series, e.g. 'ircc.asylum.office_type_prov'. */
  series: string;
  /** Date of the edition the figure comes from, e.g. '2025-07-31' from the footer 'Source: IRCC, July 31, 2025'. */
  vintage: string;
  period: Period;
  dims: Record<string, string>;
  /** null when suppressed ('--' in IRCC workbooks, NA in the derived IRB tables). */
  value: number | null;
  suppressed: boolean;
  /** The figure is a published total of other published figures (along any dimension or time). */
  isTotal: boolean;
  /** The row label exactly as published (trailing spaces and rank prefixes kept). */
  publishedLabel: string;
  /** Where it was read: 'file!sheet!D17' or 'file:12:accepted'. */
  ref?: string;
}

export interface ParsedSeries {
  series: string;
  vintage: string;
  /** The title printed in the file, when it has one. */
  title?: string;
  /** File name the records came from. */
  file: string;
  records: OfficialRecord[];
}

export interface ParseLocation {
  sheet?: string;
  row?: number;
  column?: string;
  cell?: string;
  line?: number;
}

/** A file that does not have the expected layout. The message names the sheet, row, column or cell. */
export class OfficialParseError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
    readonly location: ParseLocation = {},
  ) {
    super(`${file}: ${message}`);
    this.name = 'OfficialParseError';
  }
}
