import Papa from 'papaparse';
import type { MessageKey } from '../browser/i18n';
import { currentTerm, sortedHistory } from '../cards/deadlines';
import { type Activity, cardSchema, type Card, type CardEvent, type Period, type Rule } from '../cards/schema';
import { isPlainDate, isValidTimeZone } from '../dates/plain-date';
import { foldForSearch } from '../providers/search';
import type { InvalidEntry } from '../store/storage';
import { canonicalJson } from './canonical-json';
import { contentHash, type ImportCandidates, type ImportNote, uniqueId } from './candidates';
import { fail, type TransferResult } from './errors';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './file-kind';
import { matchProvider } from './provider-match';

/*
 * CSV import and export (docs/backup.md lists the columns). Export writes the
 * English headers below; import matches headers in English, Simplified and
 * Traditional Chinese, in any order and case. Parsing and writing are
 * papaparse's: quotes, commas and line breaks in cells are its business.
 */

type ColumnKey =
  | 'id'
  | 'label'
  | 'provider'
  | 'phone'
  | 'zone'
  | 'rule'
  | 'start'
  | 'end'
  | 'period'
  | 'grace'
  | 'mode'
  | 'cap'
  | 'passDays'
  | 'trigger'
  | 'lastRenewal'
  | 'amount'
  | 'currency'
  | 'website'
  | 'hotline'
  | 'notes'
  | 'updated'
  | 'app'
  | 'created'
  | 'history'
  | 'cardSettings'
  | 'due';

/** The columns in export order: the English header, then every header import accepts for it. */
export const CSV_COLUMNS: readonly { key: ColumnKey; header: string; aliases: readonly string[] }[] = [
  { key: 'id', header: 'ID', aliases: ['id', '编号', '編號'] },
  { key: 'label', header: 'Label', aliases: ['label', 'name', '名称', '名稱', '标签', '標籤', '别名', '別名'] },
  { key: 'provider', header: 'Provider', aliases: ['provider', 'carrier', '运营商', '運營商', '营运商', '營運商', '电信商', '電信商'] },
  {
    key: 'phone',
    header: 'Phone',
    aliases: ['phone', 'phone number', 'number', '号码', '號碼', '电话号码', '電話號碼', '手机号', '手機號'],
  },
  { key: 'zone', header: 'Time zone', aliases: ['time zone', 'timezone', 'zone', '时区', '時區'] },
  { key: 'rule', header: 'Rule', aliases: ['rule', '规则', '規則', '类型', '類型'] },
  { key: 'start', header: 'Start date', aliases: ['start date', 'anchor date', '开始日期', '開始日期', '起始日期'] },
  { key: 'end', header: 'End date', aliases: ['end date', 'expiry date', 'expires', '到期日', '到期日期', '结束日期', '結束日期'] },
  { key: 'period', header: 'Period', aliases: ['period', 'cycle', 'window', 'validity', '周期', '週期', '有效期'] },
  { key: 'grace', header: 'Grace days', aliases: ['grace days', 'grace', '宽限期', '寬限期', '宽限天数', '寬限天數'] },
  { key: 'mode', header: 'Top-up mode', aliases: ['top-up mode', 'mode', '充值方式', '儲值方式'] },
  { key: 'cap', header: 'Cap days', aliases: ['cap days', 'cap', '上限天数', '上限天數'] },
  { key: 'passDays', header: 'Pass days', aliases: ['pass days', '天数', '天數'] },
  { key: 'trigger', header: 'Pass starts', aliases: ['pass starts', 'start trigger', '启用方式', '啟用方式'] },
  {
    key: 'lastRenewal',
    header: 'Last renewal',
    aliases: ['last renewal', 'last payment', '上次续费', '上次續費', '最近续费', '最近續費', '上次充值', '上次儲值'],
  },
  { key: 'amount', header: 'Amount', aliases: ['amount', 'price', '金额', '金額', '价格', '價格'] },
  { key: 'currency', header: 'Currency', aliases: ['currency', '货币', '貨幣', '币种', '幣種'] },
  { key: 'website', header: 'Website', aliases: ['website', 'url', 'link', 'renewal link', '网站', '網站', '续费链接', '續費連結'] },
  { key: 'hotline', header: 'Hotline', aliases: ['hotline', 'customer service', '客服电话', '客服電話', '热线', '熱線', '客服'] },
  { key: 'notes', header: 'Notes', aliases: ['notes', 'note', 'comment', '备注', '備註', '说明', '說明'] },
  { key: 'updated', header: 'Updated', aliases: ['updated', 'updated at', '更新时间', '更新時間'] },
  { key: 'app', header: 'App link', aliases: ['app link', 'app', '应用链接', '應用程式連結'] },
  { key: 'created', header: 'Created', aliases: ['created', 'created at', '创建时间', '建立時間'] },
  // The two JSON columns: what a card holds that no readable column can carry without loss.
  { key: 'history', header: 'History', aliases: ['history', 'events', '记录', '紀錄', '記錄'] },
  { key: 'cardSettings', header: 'Card settings', aliases: ['card settings', '卡片设置', '卡片設定'] },
  // Written for people reading the sheet; import works the deadline out again and says when it differs.
  { key: 'due', header: 'Next deadline', aliases: ['next deadline', 'due', '下次到期'] },
];

/**
 * The columns a SIM Keeper CSV holds beyond the readable ones: a file without one of them
 * (a sheet from elsewhere) imports what it has, and the preview names what it could not bring.
 */
const FULL_COLUMNS: readonly ColumnKey[] = ['history', 'cardSettings', 'app', 'created'];

/** What the "Card settings" column holds: what the card sets for itself instead of the defaults. */
interface CardSettingsCell {
  reminders?: Card['reminders'];
  overrides?: Card['overrides'];
  /** The keep-alive rule's activities (a list, so an empty list is told apart from none). */
  activities?: Activity[];
}

const HEADER_KEY = new Map<string, ColumnKey>(
  CSV_COLUMNS.flatMap((column) => column.aliases.map((alias) => [foldForSearch(alias), column.key])),
);

const RULE_WORDS: Record<Rule['type'], readonly string[]> = {
  cycle: ['cycle', 'plan', '周期', '週期', '套餐'],
  keepAlive: ['keepAlive', 'keep-alive', 'keep alive', '保号', '保號'],
  topUp: ['topUp', 'top-up', '充值', '儲值'],
  fixed: ['fixed', 'fixed date', '固定', '固定日期'],
  pass: ['pass', 'travel pass', '通行证', '通行證', '流量包'],
};
const MODE_WORDS = { reset: ['reset', '重置'], add: ['add', '叠加', '疊加'], max: ['max', '取较晚', '取較晚'] } as const;
const TRIGGER_WORDS = {
  purchase: ['purchase', '购买', '購買'],
  'first-connection': ['first-connection', 'first connection', '首次连接', '首次連接'],
  manual: ['manual', '手动', '手動'],
} as const;

function wordOf<K extends string>(words: Record<K, readonly string[]>, cell: string): K | null {
  const folded = foldForSearch(cell);
  for (const [key, list] of Object.entries(words) as [K, readonly string[]][]) {
    if (list.some((word) => foldForSearch(word) === folded)) return key;
  }
  return null;
}

/** `30 days`, `30天`, `6 months`, `6个月`, `6個月`, `1 mo`. */
export function parsePeriod(cell: string): Period | null {
  const match = /^(\d{1,4})\s*(days?|d|天|日|months?|mo|m|个月|個月|月)$/i.exec(cell.trim());
  if (!match) return null;
  const count = Number(match[1]);
  const unit = /^(days?|d|天|日)$/i.test(match[2]!) ? 'days' : 'months';
  return count >= 1 && count <= 3650 ? { count, unit } : null;
}

function formatPeriod(period: Period): string {
  return `${period.count} ${period.unit}`;
}

/** `2026-3-1`, `2026/03/01` and `2026.3.1` as `2026-03-01`; anything else as it is (the schema then says why). */
function normaliseDate(cell: string): string {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(cell.trim());
  return match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` : cell.trim();
}

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a ' in front, as
// papaparse's escapeFormulae does; so does a cell already starting with ', so that taking one ' off
// on import gives back exactly what was exported.
const NEEDS_QUOTE = /^['=+\-@\t\r]/;

function escapeFormula(cell: string): string {
  return NEEDS_QUOTE.test(cell) ? `'${cell}` : cell;
}

function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && NEEDS_QUOTE.test(cell.slice(1)) ? cell.slice(1) : cell;
}

type Row = Partial<Record<ColumnKey, string>>;

/** The latest payment in the card's history, for the "Last renewal" columns. */
function lastPayment(card: Card): CardEvent | null {
  const payments = sortedHistory(card.history).filter((event) => event.kind === 'renewed' || event.kind === 'topped-up');
  return payments.at(-1) ?? null;
}

function ruleCells(rule: Rule): Row {
  const grace = rule.graceDays === undefined ? '' : String(rule.graceDays);
  switch (rule.type) {
    case 'fixed':
      return { rule: 'fixed', end: rule.endDate, grace };
    case 'cycle':
      return { rule: 'cycle', start: rule.anchorDate, period: formatPeriod(rule.period), grace };
    case 'keepAlive':
      return { rule: 'keepAlive', start: rule.anchorDate, period: formatPeriod(rule.window), grace };
    case 'topUp':
      return {
        rule: 'topUp',
        start: rule.anchorDate,
        period: formatPeriod(rule.validity),
        mode: rule.mode,
        cap: rule.capDays === undefined ? '' : String(rule.capDays),
        grace,
      };
    case 'pass':
      return { rule: 'pass', start: rule.startDate ?? '', passDays: String(rule.days), trigger: rule.startTrigger, grace };
  }
}

function cardSettingsCell(card: Card): string {
  const cell: CardSettingsCell = {
    ...(card.reminders ? { reminders: card.reminders } : {}),
    ...(card.overrides ? { overrides: card.overrides } : {}),
    ...(card.rule.type === 'keepAlive' && card.rule.activities ? { activities: card.rule.activities } : {}),
  };
  return Object.keys(cell).length ? JSON.stringify(cell) : '';
}

/**
 * The cards as CSV text, one row per card, English headers in {@link CSV_COLUMNS}
 * order. Cells a spreadsheet would run as formulas are escaped. A row carries
 * everything the card holds: readable columns for its fields and latest payment,
 * and two JSON columns for its full history and the settings it overrides, so
 * importing the file gives back the same cards.
 */
export function cardsToCsv(cards: readonly Card[]): string {
  const rows = cards.map((card) => {
    const payment = lastPayment(card);
    const row: Row = {
      id: card.id,
      label: card.label,
      provider: card.providerId ?? '',
      phone: card.phoneNumber,
      zone: card.timeZone,
      ...ruleCells(card.rule),
      lastRenewal: payment?.date ?? '',
      amount: payment?.amount === undefined ? '' : String(payment.amount),
      currency: payment?.currency ?? '',
      website: card.channels.website,
      hotline: card.channels.hotline,
      notes: card.notes,
      updated: card.updatedAt,
      app: card.channels.app,
      created: card.createdAt,
      history: card.history.length ? JSON.stringify(card.history) : '',
      cardSettings: cardSettingsCell(card),
      due: currentTerm(card.rule, card.history)?.dueDate ?? '',
    };
    return CSV_COLUMNS.map((column) => escapeFormula(row[column.key] ?? ''));
  });
  return Papa.unparse({ fields: CSV_COLUMNS.map((column) => column.header), data: rows }, { newline: '\r\n' });
}

export interface CsvImportOptions {
  /** The zone for rows without one: the user's. */
  userTimeZone: string;
  now: Date;
  /** The stored cards: a row with the id of one keeps what a sheet without the full columns cannot carry. */
  existing: readonly Card[];
  /** Called every few hundred rows with the rows read so far and their number. */
  onProgress?: (done: number, total: number) => void;
}

interface RowResult {
  card?: unknown;
  problems: string[];
  notes: { message: MessageKey; params: string[] }[];
}

/** A JSON cell: `undefined` when empty, the value, or a problem. */
function jsonCell(cell: string | undefined, column: string, problems: string[]): unknown {
  const text = cell?.trim() ?? '';
  if (text === '') return undefined;
  if (jsonDepthExceeds(text)) {
    problems.push(`${column}: nested more than ${MAX_JSON_DEPTH} levels deep`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    problems.push(`${column}: not JSON (${text.slice(0, 40)}${text.length > 40 ? '…' : ''})`);
    return undefined;
  }
}

function readHistoryCell(cell: string | undefined, problems: string[]): CardEvent[] {
  const value = jsonCell(cell, 'History', problems);
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('History: not a JSON list of events');
    return [];
  }
  // Each event is checked with the card (cardSchema), which names the one that is wrong.
  return value as CardEvent[];
}

function readCardSettingsCell(cell: string | undefined, problems: string[]): CardSettingsCell {
  const value = jsonCell(cell, 'Card settings', problems);
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('Card settings: not a JSON object');
    return {};
  }
  const { reminders, overrides, activities, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) problems.push(`Card settings: unknown ${unknown.slice(0, 5).join(', ')}`);
  return {
    ...(reminders === undefined ? {} : { reminders: reminders as Card['reminders'] }),
    ...(overrides === undefined ? {} : { overrides: overrides as Card['overrides'] }),
    ...(activities === undefined ? {} : { activities: activities as Activity[] }),
  };
}

function buildRule(row: Row, problems: string[], activitiesFrom: { activities?: Activity[] } | undefined): Rule | null {
  const typeCell = row.rule?.trim() ?? '';
  const type: Rule['type'] | null = typeCell ? wordOf(RULE_WORDS, typeCell) : row.end ? 'fixed' : row.period ? 'cycle' : null;
  if (typeCell && !type) problems.push(`rule: "${typeCell}" is not one of cycle, keepAlive, topUp, fixed, pass`);
  if (!type) {
    if (!typeCell) problems.push('rule: no rule, end date or period');
    return null;
  }
  const activities = activitiesFrom?.activities ? { activities: activitiesFrom.activities } : {};
  const grace = row.grace?.trim() ? Number(row.grace.trim()) : undefined;
  const graceDays = grace === undefined ? {} : { graceDays: grace };
  // A sheet may give only the last renewal: for a rule counted from an anchor, that is the anchor.
  const start = normaliseDate(row.start || (type === 'pass' || type === 'fixed' ? '' : row.lastRenewal) || '');
  const period = row.period?.trim() ? parsePeriod(row.period) : null;
  if (type !== 'fixed' && type !== 'pass' && !period) problems.push(`period: "${row.period ?? ''}" is not like "30 days" or "6 months"`);
  switch (type) {
    case 'fixed':
      return { type, endDate: normaliseDate(row.end ?? ''), ...graceDays };
    case 'cycle':
      return period && { type, anchorDate: start, period, ...graceDays };
    case 'keepAlive':
      return period && { type, anchorDate: start, window: period, ...graceDays, ...activities };
    case 'topUp': {
      const mode = row.mode?.trim() ? wordOf(MODE_WORDS, row.mode) : null;
      if (!mode) problems.push(`mode: "${row.mode ?? ''}" is not reset, add or max`);
      const cap = row.cap?.trim() ? { capDays: Number(row.cap.trim()) } : {};
      return period && mode && { type, anchorDate: start, validity: period, mode, ...cap, ...graceDays };
    }
    case 'pass': {
      const trigger = row.trigger?.trim() ? wordOf(TRIGGER_WORDS, row.trigger) : 'manual';
      if (!trigger) problems.push(`trigger: "${row.trigger ?? ''}" is not purchase, first-connection or manual`);
      return (
        trigger && { type, days: Number(row.passDays?.trim() || 'NaN'), startTrigger: trigger, startDate: start || null, ...graceDays }
      );
    }
  }
}

/**
 * The "Last renewal", "Amount" and "Currency" cells applied to the history: the payment
 * they name (the last one that day, as export wrote it) takes the amount and currency the
 * sheet shows; a payment not in the history yet is added, unless it is the rule's own anchor.
 */
function applyLastRenewal(row: Row, rule: Rule | null, history: CardEvent[], problems: string[], notes: RowResult['notes']): void {
  const renewal = normaliseDate(row.lastRenewal ?? '');
  const amount = row.amount?.trim() ? Number(row.amount.trim().replace(',', '.')) : undefined;
  const currency = row.currency?.trim() ? row.currency.trim().toUpperCase() : undefined;
  const priced = { ...(amount === undefined ? {} : { amount }), ...(currency === undefined ? {} : { currency }) };
  if (!renewal) {
    if (amount !== undefined || currency !== undefined) notes.push({ message: 'import_noteAmountDropped', params: [] });
    return;
  }
  if (!isPlainDate(renewal)) {
    problems.push(`lastRenewal: "${renewal}" is not a calendar date (YYYY-MM-DD)`);
    return;
  }
  const sameDay = sortedHistory(history).filter(
    (event) => event.date === renewal && (event.kind === 'renewed' || event.kind === 'topped-up'),
  );
  const same = sameDay.at(-1);
  if (same) {
    history[history.indexOf(same)] = { ...same, ...priced };
  } else if (rule && !('anchorDate' in rule && rule.anchorDate === renewal)) {
    history.push({ id: `csv-${renewal}`, date: renewal, kind: rule.type === 'topUp' ? 'topped-up' : 'renewed', ...priced });
  } else if (amount !== undefined || currency !== undefined) {
    notes.push({ message: 'import_noteAmountDropped', params: [] });
  }
}

/** Which of the full columns the sheet has. */
type Present = ReadonlySet<ColumnKey>;

function rowToCard(row: Row, id: string, options: CsvImportOptions, present: Present, existing: Card | undefined): RowResult {
  const problems: string[] = [];
  const notes: RowResult['notes'] = [];
  const providerCell = row.provider?.trim() ?? '';
  const provider = providerCell ? matchProvider(providerCell) : null;
  if (providerCell && !provider) notes.push({ message: 'import_noteNoProvider', params: [providerCell] });

  // A column the sheet has is the truth, even when empty; a column it lacks keeps what the stored card holds.
  const storedSettings: CardSettingsCell | undefined = existing && {
    ...(existing.reminders ? { reminders: existing.reminders } : {}),
    ...(existing.overrides ? { overrides: existing.overrides } : {}),
    ...(existing.rule.type === 'keepAlive' && existing.rule.activities ? { activities: existing.rule.activities } : {}),
  };
  const settings = present.has('cardSettings') ? readCardSettingsCell(row.cardSettings, problems) : storedSettings;
  const rule = buildRule(row, problems, settings);
  const zone = row.zone?.trim() || (provider?.timeZone ?? options.userTimeZone);
  if (!isValidTimeZone(zone)) problems.push(`timeZone: "${zone}" is not an IANA time zone`);

  const history = present.has('history') ? [...readHistoryCell(row.history, problems)] : [...(existing?.history ?? [])];
  applyLastRenewal(row, rule, history, problems, notes);

  const updatedCell = row.updated?.trim() ?? '';
  const updated = updatedCell && !Number.isNaN(Date.parse(updatedCell)) ? updatedCell : options.now.toISOString();
  const createdCell = row.created?.trim() ?? '';
  const created = createdCell || existing?.createdAt || updated;
  const card = {
    id,
    label: row.label?.trim() ?? '',
    providerId: provider?.id ?? null,
    phoneNumber: row.phone ?? '',
    notes: row.notes ?? '',
    timeZone: zone,
    channels: {
      website: row.website?.trim() ?? '',
      app: present.has('app') ? (row.app?.trim() ?? '') : (existing?.channels.app ?? ''),
      hotline: row.hotline ?? '',
    },
    rule,
    history,
    ...(settings?.reminders ? { reminders: settings.reminders } : {}),
    ...(settings?.overrides ? { overrides: settings.overrides } : {}),
    createdAt: created,
    updatedAt: updated,
  };
  if (problems.length > 0) return { problems, notes };
  return { card, problems, notes };
}

/**
 * Notes on what a sheet without SIM Keeper's full columns could not bring for one
 * card, and a "Next deadline" cell that differs from the deadline worked out.
 */
function deadlineNotes(card: Card, row: Row, present: Present, hasDueColumn: boolean, stored: boolean): RowResult['notes'] {
  const notes: RowResult['notes'] = [];
  const computed = currentTerm(card.rule, card.history)?.dueDate ?? null;
  const missing = FULL_COLUMNS.filter((key) => !present.has(key)).map((key) => CSV_COLUMNS.find((c) => c.key === key)!.header);
  if (missing.length > 0) {
    notes.push(
      stored
        ? { message: 'import_noteCsvKept', params: [missing.join(', ')] }
        : { message: 'import_noteCsvMissing', params: [missing.join(', '), computed ?? '—'] },
    );
  }
  const fileDue = hasDueColumn ? normaliseDate(row.due ?? '') : '';
  if (fileDue !== '' && fileDue !== computed) notes.push({ message: 'import_noteDueDiffers', params: [fileDue, computed ?? '—'] });
  return notes;
}

/**
 * The text without a first line `sep=;` (Excel's way of naming the delimiter), and that
 * delimiter; without one, papaparse works the delimiter out (comma, tab, semicolon, …).
 */
function splitSepLine(text: string): { body: string; delimiter: string | undefined } {
  const match = /^sep=(.)\r?\n/i.exec(text);
  return match ? { body: text.slice(match[0].length), delimiter: match[1] } : { body: text, delimiter: undefined };
}

/** Whether the first row of a CSV text (after any `sep=` line) has a column import reads as the label. */
export function hasLabelHeader(text: string): boolean {
  const { body, delimiter } = splitSepLine(text.replace(/^\uFEFF/, ''));
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const header = Papa.parse<string[]>(firstLine, { header: false, ...(delimiter ? { delimiter } : {}) }).data[0] ?? [];
  return header.some((cell) => HEADER_KEY.get(foldForSearch(String(cell))) === 'label');
}

/** The line (1-based) of a character offset in `text`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The cards in a CSV text: each row a valid card, or an invalid entry with
 * its reasons (the row as read, so it can be kept aside). A row without an ID
 * gets one derived from its label and phone, so importing the same sheet twice
 * finds the same cards instead of adding them again. Commas, tabs (Excel's "Unicode
 * text") or semicolons separate cells, or what a first line `sep=;` names. A quote left open (or
 * closed in the middle of a cell) refuses the whole file, naming the line:
 * read on, it would swallow the rows after it into one cell.
 */
export function csvToCandidates(text: string, options: CsvImportOptions): TransferResult<{ candidates: ImportCandidates }> {
  const { body: source, delimiter } = splitSepLine(text.replace(/^\uFEFF/, ''));
  const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: 'greedy', ...(delimiter ? { delimiter } : {}) });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError) {
    const line = typeof quoteError.index === 'number' ? lineAt(source, quoteError.index) : (quoteError.row ?? 0) + 1;
    return fail('import_errorCsvQuotes', String(line));
  }
  const [headerRow, ...rows] = parsed.data;
  if (!headerRow) return fail('import_errorEmpty');
  const keys = headerRow.map((header) => HEADER_KEY.get(foldForSearch(String(header))) ?? null);
  if (!keys.includes('label')) return fail('import_errorCsvHeader');
  const present: Present = new Set(keys.filter((key): key is ColumnKey => key !== null));
  const hasDueColumn = present.has('due');
  const cards: Card[] = [];
  const invalid: InvalidEntry[] = [];
  const notes: ImportNote[] = [];
  const taken = new Set<string>();
  // By id once, so a large sheet over a large store stays linear.
  const existingById = new Map(options.existing.map((card) => [card.id, card]));
  for (const [rowIndex, cells] of rows.entries()) {
    if (rowIndex % 500 === 0) options.onProgress?.(rowIndex, rows.length);
    const row: Row = {};
    const raw: Record<string, string> = {};
    cells.forEach((cell, index) => {
      const key = keys[index];
      const value = unescapeFormula(String(cell ?? ''));
      raw[String(headerRow[index] ?? `column ${index + 1}`)] = value;
      if (key) row[key] = value;
    });
    // Ids are kept exactly (a stored id may hold spaces); only an empty cell means "none".
    const givenId = row.id || undefined;
    const base = givenId || `csv-${contentHash(`${foldForSearch(row.label ?? '')}|${(row.phone ?? '').replace(/\D/g, '')}`)}`;
    if (givenId && taken.has(givenId)) {
      invalid.push({ raw, problems: [`id: another row already has the id ${givenId}`] });
      continue;
    }
    if (givenId) taken.add(givenId);
    const id = givenId ?? uniqueId(base, taken);
    const existing = existingById.get(id);
    const result = rowToCard(row, id, options, present, existing);
    const check = result.card === undefined ? null : cardSchema.safeParse(result.card);
    if (check?.success) {
      let card = check.data;
      const withoutHistory = (c: Card) => canonicalJson({ ...c, history: [] });
      if (existing && existing.updatedAt === card.updatedAt && withoutHistory(existing) !== withoutHistory(card)) {
        // Changed in the sheet after it was exported (the Updated cell was left as it was): the sheet's copy is the later one.
        card = { ...card, updatedAt: options.now.toISOString() };
      }
      cards.push(card);
      for (const note of [...result.notes, ...deadlineNotes(card, row, present, hasDueColumn, existing !== undefined)])
        notes.push({ cardId: id, ...note });
    } else {
      const problems = [
        ...result.problems,
        ...(check && !check.success ? check.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) : []),
      ];
      invalid.push({ raw, problems });
    }
  }
  options.onProgress?.(rows.length, rows.length);
  return { ok: true, candidates: { source: 'csv', cards, invalid, notes, settings: null } };
}
