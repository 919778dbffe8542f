import Papa from 'papaparse';
import type { MessageKey } from '../browser/i18n';
import { currentTerm, sortedHistory } from '../cards/deadlines';
import { cardSchema, type Card, type CardEvent, type Period, type Rule } from '../cards/schema';
import { isPlainDate, isValidTimeZone } from '../dates/plain-date';
import { foldForSearch } from '../providers/search';
import type { InvalidEntry } from '../store/storage';
import { contentHash, type ImportCandidates, type ImportNote, uniqueId } from './candidates';
import { fail, type TransferResult } from './errors';
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
  // Written for people reading the sheet; import works the deadline out again and ignores this column.
  { key: 'due', header: 'Next deadline', aliases: ['next deadline', 'due', '下次到期'] },
];

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

/**
 * The cards as CSV text, one row per card, English headers in {@link CSV_COLUMNS}
 * order. Cells a spreadsheet would run as formulas are escaped. A row carries the
 * card's fields and its latest payment; the full history is only in a JSON backup.
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
  /** The stored cards: a row with the id of one keeps what the CSV cannot carry (full history, reminders, app link). */
  existing: readonly Card[];
}

interface RowResult {
  card?: unknown;
  problems: string[];
  notes: { message: MessageKey; params: string[] }[];
}

function buildRule(row: Row, problems: string[], existing: Card | undefined): Rule | null {
  const typeCell = row.rule?.trim() ?? '';
  const type: Rule['type'] | null = typeCell ? wordOf(RULE_WORDS, typeCell) : row.end ? 'fixed' : row.period ? 'cycle' : null;
  if (typeCell && !type) problems.push(`rule: "${typeCell}" is not one of cycle, keepAlive, topUp, fixed, pass`);
  if (!type) {
    if (!typeCell) problems.push('rule: no rule, end date or period');
    return null;
  }
  // The activities a carrier counts are not a column: a card already stored keeps its own.
  const activities = existing?.rule.type === 'keepAlive' && existing.rule.activities ? { activities: existing.rule.activities } : {};
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

function rowToCard(row: Row, id: string, options: CsvImportOptions): RowResult {
  const problems: string[] = [];
  const notes: RowResult['notes'] = [];
  const existing = options.existing.find((card) => card.id === id);
  const providerCell = row.provider?.trim() ?? '';
  const provider = providerCell ? matchProvider(providerCell) : null;
  if (providerCell && !provider) notes.push({ message: 'import_noteNoProvider', params: [providerCell] });
  const rule = buildRule(row, problems, existing);
  const zone = row.zone?.trim() || (provider?.timeZone ?? options.userTimeZone);
  if (!isValidTimeZone(zone)) problems.push(`timeZone: "${zone}" is not an IANA time zone`);

  const history = [...(existing?.history ?? [])];
  const renewal = normaliseDate(row.lastRenewal ?? '');
  const amount = row.amount?.trim() ? Number(row.amount.trim().replace(',', '.')) : undefined;
  const currency = row.currency?.trim() ? row.currency.trim().toUpperCase() : undefined;
  if (renewal && rule && !('anchorDate' in rule && rule.anchorDate === renewal)) {
    if (!isPlainDate(renewal)) problems.push(`lastRenewal: "${renewal}" is not a calendar date (YYYY-MM-DD)`);
    const kind = rule.type === 'topUp' ? 'topped-up' : 'renewed';
    // The payment the export wrote: the last one that day, in the order the deadline engine reads them.
    const sameDay = sortedHistory(history).filter(
      (event) => event.date === renewal && (event.kind === 'renewed' || event.kind === 'topped-up'),
    );
    const index = sameDay.length ? history.indexOf(sameDay.at(-1)!) : -1;
    const same = index >= 0 ? history[index]! : null;
    const event: CardEvent = {
      ...(same ?? { id: `csv-${renewal}`, date: renewal, kind }),
      ...(amount === undefined ? {} : { amount }),
      ...(currency === undefined ? {} : { currency }),
    };
    if (index >= 0) history[index] = event;
    else history.push(event);
  } else if (amount !== undefined || currency !== undefined) {
    notes.push({ message: 'import_noteAmountDropped', params: [] });
  }

  const fields = {
    id,
    label: row.label?.trim() ?? '',
    providerId: provider?.id ?? null,
    phoneNumber: row.phone ?? '',
    notes: row.notes ?? '',
    timeZone: zone,
    channels: { website: row.website?.trim() ?? '', app: existing?.channels.app ?? '', hotline: row.hotline ?? '' },
    rule,
    history,
    ...(existing?.reminders ? { reminders: existing.reminders } : {}),
    ...(existing?.overrides ? { overrides: existing.overrides } : {}),
  };
  const updatedCell = row.updated?.trim() ?? '';
  const updated = updatedCell && !Number.isNaN(Date.parse(updatedCell)) ? updatedCell : options.now.toISOString();
  let card: Record<string, unknown> = { ...fields, createdAt: existing?.createdAt ?? updated, updatedAt: updated };
  if (
    existing &&
    existing.updatedAt === updated &&
    JSON.stringify({ ...existing, history: [] }) !== JSON.stringify({ ...card, history: [] })
  ) {
    // Changed in the sheet after it was exported (the Updated cell was left as it was): the sheet's copy is the later one.
    card = { ...card, updatedAt: options.now.toISOString() };
  }
  if (problems.length > 0) return { problems, notes };
  return { card, problems, notes };
}

/**
 * The cards in a CSV text: each row a valid card, or an invalid entry with
 * its reasons (the row as read, so it can be kept aside). A row without an ID
 * gets one derived from its label and phone, so importing the same sheet twice
 * finds the same cards instead of adding them again.
 */
export function csvToCandidates(text: string, options: CsvImportOptions): TransferResult<{ candidates: ImportCandidates }> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: 'greedy' });
  const [headerRow, ...rows] = parsed.data;
  if (!headerRow) return fail('import_errorEmpty');
  const keys = headerRow.map((header) => HEADER_KEY.get(foldForSearch(String(header))) ?? null);
  if (!keys.includes('label')) return fail('import_errorCsvHeader');
  const cards: Card[] = [];
  const invalid: InvalidEntry[] = [];
  const notes: ImportNote[] = [];
  const taken = new Set<string>();
  for (const cells of rows) {
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
    const result = rowToCard(row, id, options);
    const check = result.card === undefined ? null : cardSchema.safeParse(result.card);
    if (check?.success) {
      cards.push(check.data);
      for (const note of result.notes) notes.push({ cardId: id, ...note });
    } else {
      const problems = [
        ...result.problems,
        ...(check && !check.success ? check.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) : []),
      ];
      invalid.push({ raw, problems });
    }
  }
  return { ok: true, candidates: { source: 'csv', cards, invalid, notes, settings: null } };
}
