import iconv from 'iconv-lite';
import type { CsvTable } from '../../src/app/registers/csv-table.js';

/**
 * Builders for the register imports: GIAS establishment exports and people files, as text, as the
 * bytes GIAS writes (Windows-1252), or as the decoded table the use cases take.
 */

/**
 * The columns of the GIAS "all establishment data" export (edubasealldata*.csv), in the publisher's
 * order: the header of the download as loaded by DfE's own gias-query-tool (ddl/tables/create_schools_raw.sql),
 * 139 columns including the Ofsted ones our import reads.
 */
export const GIAS_COLUMNS = [
  'URN', 'LA (code)', 'LA (name)', 'EstablishmentNumber', 'EstablishmentName',
  'TypeOfEstablishment (code)', 'TypeOfEstablishment (name)', 'EstablishmentTypeGroup (code)', 'EstablishmentTypeGroup (name)',
  'EstablishmentStatus (code)', 'EstablishmentStatus (name)', 'ReasonEstablishmentOpened (code)', 'ReasonEstablishmentOpened (name)', 'OpenDate',
  'ReasonEstablishmentClosed (code)', 'ReasonEstablishmentClosed (name)', 'CloseDate', 'PhaseOfEducation (code)', 'PhaseOfEducation (name)',
  'StatutoryLowAge', 'StatutoryHighAge', 'Boarders (code)', 'Boarders (name)', 'NurseryProvision (name)', 'OfficialSixthForm (code)',
  'OfficialSixthForm (name)', 'Gender (code)', 'Gender (name)', 'ReligiousCharacter (code)', 'ReligiousCharacter (name)', 'ReligiousEthos (name)',
  'Diocese (code)', 'Diocese (name)', 'AdmissionsPolicy (code)', 'AdmissionsPolicy (name)', 'SchoolCapacity', 'SpecialClasses (code)',
  'SpecialClasses (name)', 'CensusDate', 'NumberOfPupils', 'NumberOfBoys', 'NumberOfGirls', 'PercentageFSM', 'TrustSchoolFlag (code)',
  'TrustSchoolFlag (name)', 'Trusts (code)', 'Trusts (name)', 'SchoolSponsorFlag (name)', 'SchoolSponsors (name)', 'FederationFlag (name)',
  'Federations (code)', 'Federations (name)', 'UKPRN', 'FEHEIdentifier', 'FurtherEducationType (name)', 'OfstedLastInsp',
  'OfstedSpecialMeasures (code)', 'OfstedSpecialMeasures (name)', 'LastChangedDate', 'Street', 'Locality', 'Address3', 'Town', 'County (name)',
  'Postcode', 'SchoolWebsite', 'TelephoneNum', 'HeadTitle (name)', 'HeadFirstName', 'HeadLastName', 'HeadPreferredJobTitle',
  'BSOInspectorateName (name)', 'InspectorateReport', 'DateOfLastInspectionVisit', 'NextInspectionVisit', 'TeenMoth (name)', 'TeenMothPlaces',
  'CCF (name)', 'SENPRU (name)', 'EBD (name)', 'PlacesPRU', 'FTProv (name)', 'EdByOther (name)', 'Section41Approved (name)',
  'SEN1 (name)', 'SEN2 (name)', 'SEN3 (name)', 'SEN4 (name)', 'SEN5 (name)', 'SEN6 (name)', 'SEN7 (name)', 'SEN8 (name)', 'SEN9 (name)',
  'SEN10 (name)', 'SEN11 (name)', 'SEN12 (name)', 'SEN13 (name)', 'TypeOfResourcedProvision (name)', 'ResourcedProvisionOnRoll',
  'ResourcedProvisionCapacity', 'SenUnitOnRoll', 'SenUnitCapacity', 'GOR (code)', 'GOR (name)', 'DistrictAdministrative (code)',
  'DistrictAdministrative (name)', 'AdministrativeWard (code)', 'AdministrativeWard (name)', 'ParliamentaryConstituency (code)',
  'ParliamentaryConstituency (name)', 'UrbanRural (code)', 'UrbanRural (name)', 'GSSLACode (name)', 'Easting', 'Northing', 'MSOA (name)',
  'LSOA (name)', 'InspectorateName (name)', 'SENStat', 'SENNoStat', 'BoardingEstablishment (name)', 'PropsName', 'PreviousLA (code)',
  'PreviousLA (name)', 'PreviousEstablishmentNumber', 'OfstedRating (name)', 'Country (name)', 'UPRN', 'SiteName', 'QABName (code)',
  'QABName (name)', 'EstablishmentAccredited (code)', 'EstablishmentAccredited (name)', 'QABReport', 'CHNumber', 'MSOA (code)', 'LSOA (code)',
  'FSM', 'AccreditationExpiryDate',
] as const;

/** Our optional columns, added by an administrator after the GIAS ones. */
export const OUR_GIAS_COLUMNS = ['Cluster', 'Partnerships', 'LinkOfficerEmail', 'HeadteacherEmail', 'ChairOfGovernorsEmail', 'DioceseContactEmail', 'VisitEntitlement'] as const;

export type GiasRow = Record<string, string>;

/** What an open community primary school's row holds in every column; a test overrides what it is about. */
const GIAS_ROW_DEFAULTS: GiasRow = {
  'LA (code)': '831', 'LA (name)': 'Derby', EstablishmentNumber: '2001',
  'TypeOfEstablishment (code)': '01', 'TypeOfEstablishment (name)': 'Community school',
  'EstablishmentTypeGroup (code)': '4', 'EstablishmentTypeGroup (name)': 'Local authority maintained schools',
  'EstablishmentStatus (code)': '1', 'EstablishmentStatus (name)': 'Open',
  'ReasonEstablishmentOpened (code)': '00', 'ReasonEstablishmentOpened (name)': 'Not applicable', OpenDate: '',
  'ReasonEstablishmentClosed (code)': '00', 'ReasonEstablishmentClosed (name)': 'Not applicable', CloseDate: '',
  'PhaseOfEducation (code)': '2', 'PhaseOfEducation (name)': 'Primary', StatutoryLowAge: '4', StatutoryHighAge: '11',
  'Boarders (code)': '1', 'Boarders (name)': 'No boarders', 'NurseryProvision (name)': 'No Nursery Classes',
  'OfficialSixthForm (code)': '2', 'OfficialSixthForm (name)': 'Does not have a sixth form', 'Gender (code)': '3', 'Gender (name)': 'Mixed',
  'ReligiousCharacter (code)': '00', 'ReligiousCharacter (name)': 'Does not apply', 'ReligiousEthos (name)': 'Does not apply',
  'Diocese (code)': '0000', 'Diocese (name)': 'Not applicable', 'AdmissionsPolicy (code)': '0', 'AdmissionsPolicy (name)': 'Not applicable',
  SchoolCapacity: '420', 'SpecialClasses (code)': '2', 'SpecialClasses (name)': 'No Special Classes', CensusDate: '16-01-2025',
  NumberOfPupils: '398', NumberOfBoys: '201', NumberOfGirls: '197', PercentageFSM: '24.6', 'TrustSchoolFlag (code)': '0',
  'TrustSchoolFlag (name)': 'Not applicable', 'Trusts (code)': '', 'Trusts (name)': '', 'SchoolSponsorFlag (name)': 'Not applicable',
  'SchoolSponsors (name)': '', 'FederationFlag (name)': 'Not under a federation', 'Federations (code)': '', 'Federations (name)': '',
  UKPRN: '10079319', FEHEIdentifier: '', 'FurtherEducationType (name)': 'Not applicable', OfstedLastInsp: '',
  'OfstedSpecialMeasures (code)': '0', 'OfstedSpecialMeasures (name)': 'Not applicable', LastChangedDate: '03-11-2026',
  Street: 'School Lane', Locality: '', Address3: '', Town: 'Derby', 'County (name)': '', Postcode: 'DE1 1AA',
  SchoolWebsite: 'http://www.school.example.org', TelephoneNum: '01332000000', 'HeadTitle (name)': 'Mrs', HeadFirstName: 'Jane',
  HeadLastName: 'Smith', HeadPreferredJobTitle: 'Headteacher', 'BSOInspectorateName (name)': 'Not applicable', InspectorateReport: '',
  DateOfLastInspectionVisit: '', NextInspectionVisit: '', 'TeenMoth (name)': 'Not applicable', TeenMothPlaces: '', 'CCF (name)': 'Not applicable',
  'SENPRU (name)': 'Not applicable', 'EBD (name)': 'Not applicable', PlacesPRU: '', 'FTProv (name)': '', 'EdByOther (name)': 'Not applicable',
  'Section41Approved (name)': 'Not applicable', 'SEN1 (name)': '', 'SEN2 (name)': '', 'SEN3 (name)': '', 'SEN4 (name)': '', 'SEN5 (name)': '',
  'SEN6 (name)': '', 'SEN7 (name)': '', 'SEN8 (name)': '', 'SEN9 (name)': '', 'SEN10 (name)': '', 'SEN11 (name)': '', 'SEN12 (name)': '',
  'SEN13 (name)': '', 'TypeOfResourcedProvision (name)': 'Not applicable', ResourcedProvisionOnRoll: '', ResourcedProvisionCapacity: '',
  SenUnitOnRoll: '', SenUnitCapacity: '', 'GOR (code)': 'E', 'GOR (name)': 'East Midlands', 'DistrictAdministrative (code)': 'E06000015',
  'DistrictAdministrative (name)': 'Derby', 'AdministrativeWard (code)': 'E05013052', 'AdministrativeWard (name)': 'Arboretum',
  'ParliamentaryConstituency (code)': 'E14001192', 'ParliamentaryConstituency (name)': 'Derby South', 'UrbanRural (code)': 'C1',
  'UrbanRural (name)': '(England/Wales) Urban city and town', 'GSSLACode (name)': 'E06000015', Easting: '435500', Northing: '335800',
  'MSOA (name)': 'Derby 020', 'LSOA (name)': 'Derby 020A', 'InspectorateName (name)': 'Not applicable', SENStat: '4', SENNoStat: '61',
  'BoardingEstablishment (name)': 'Not applicable', PropsName: '', 'PreviousLA (code)': '999', 'PreviousLA (name)': 'Not applicable',
  PreviousEstablishmentNumber: '', 'OfstedRating (name)': '', 'Country (name)': 'United Kingdom', UPRN: '100030312345', SiteName: '',
  'QABName (code)': '0', 'QABName (name)': 'Not applicable', 'EstablishmentAccredited (code)': '0', 'EstablishmentAccredited (name)': 'Not applicable',
  QABReport: '', CHNumber: '', 'MSOA (code)': 'E02002829', 'LSOA (code)': 'E01013456', FSM: '98', AccreditationExpiryDate: '',
};

/** One GIAS row: an open community primary unless the test says otherwise. */
export function giasRow(urn: string, name: string, overrides: GiasRow = {}): GiasRow {
  return { ...GIAS_ROW_DEFAULTS, URN: urn, EstablishmentName: name, ...overrides };
}

/** Quotes every cell, as GIAS does, and ends lines with CRLF. */
export function csvText(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return [columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))].map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** A GIAS export as text: every real column, then any of ours the test names. */
export function giasCsv(rows: readonly GiasRow[], extraColumns: readonly string[] = []): string {
  return csvText([...GIAS_COLUMNS, ...extraColumns], rows);
}

/** A GIAS export as the bytes of the download: Windows-1252. */
export function giasCsvBytes(rows: readonly GiasRow[], extraColumns: readonly string[] = []): Buffer {
  return iconv.encode(giasCsv(rows, extraColumns), 'win1252');
}

/** A table as the CLI hands it to the use cases; rows numbered as a spreadsheet shows them. */
export function tableOf(columns: readonly string[], rows: readonly Record<string, string>[]): CsvTable {
  return { columns, rows: rows.map((values, i) => ({ row: i + 2, values: Object.fromEntries(columns.map((c) => [c, values[c] ?? ''])) })) };
}

/** A decoded GIAS export: every real column plus the extra ones named. */
export function giasTable(rows: readonly GiasRow[], extraColumns: readonly string[] = []): CsvTable {
  return tableOf([...GIAS_COLUMNS, ...extraColumns], rows);
}

export const PEOPLE_CSV_COLUMNS = ['email', 'name', 'aadObjectId', 'roles', 'schools', 'trainedFor'] as const;
export type PeopleCsvRow = Partial<Record<(typeof PEOPLE_CSV_COLUMNS)[number], string>>;

/** A people file as text (UTF-8, optionally with the BOM Excel writes). */
export function peopleCsv(rows: readonly PeopleCsvRow[], options: { bom?: boolean } = {}): string {
  return `${options.bom ? '\uFEFF' : ''}${csvText(PEOPLE_CSV_COLUMNS, rows)}`;
}

export function peopleTable(rows: readonly PeopleCsvRow[]): CsvTable {
  return tableOf(PEOPLE_CSV_COLUMNS, rows);
}
