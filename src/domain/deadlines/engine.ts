/**
 * The deadline engine: a claim's lifecycle events + rules + holidays → Deadline records. Pure: no clock
 * (asOf comes in), no I/O (holidays come in as a function), nothing outside src/domain.
 *
 * For each rule: find the trigger (the latest event of the trigger types, or a parent rule's last day), count
 * the length on the rule's calendar, work out the safe and latest last days, then the status from the events
 * after the trigger. Dates (§4.1):
 *   nominal        trigger + length ("N days after X" excludes X), leaving out days of counting exclusions that
 *                  certainly apply.
 *   safe           FILING: the last working day on or before `nominal`, so no roll is relied on (the worked
 *                  example shows Fri 2026-07-24 for a Saturday last day). Others: the last day under the
 *                  strict reading.
 *   latestIfRolls  the last day under the most favourable reading the rule allows: IA s.26 roll past a holiday
 *                  (clear), roll past a Saturday (CONFIGURABLE: unsettled → rollUnclear), exclusions marked
 *                  UNCLEAR (rollUnclear). Null when it is the safe date.
 * A deadline is MISSED only once latestIfRolls (or safe) has passed: between the two it stays OPEN with
 * pastSafeDate, since whether it was missed depends on the unsettled reading.
 */
import { daysBetween, isIsoDate } from '../dates.ts';
import { EVENT_INFO } from '../lifecycle/events.ts';
import { DayCalendar, weekday } from './calendar.ts';
import type {
  CalendarKind, CalendarRef, Condition, Deadline, DeadlineContext, DeadlineEvent, DeadlineRule, DeadlineStatus,
  DetailMatch, DueDates, EventMatch, HolidayProvider, Labels, Length, ResolvedRollPolicy,
} from './types.ts';

// ------------------------------------------------------------------ matching

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

function detailOk(details: Record<string, unknown> | undefined, m: DetailMatch): boolean {
  const v = details?.[m.key];
  if (m.present !== undefined && isSet(v) !== m.present) return false;
  if (m.oneOf && !m.oneOf.includes((v ?? null) as string | number | boolean | null)) return false;
  if (m.includesAny && !(Array.isArray(v) && v.some((x) => m.includesAny?.includes(x as string)))) return false;
  return true;
}

function matches(e: DeadlineEvent | undefined, m: EventMatch): boolean {
  return e !== undefined && e.type === m.type && (m.where ?? []).every((w) => detailOk(e.details, w));
}

function holds(c: Condition, events: readonly DeadlineEvent[], ti: number): boolean {
  switch (c.kind) {
    case 'TRIGGER':
      return matches(events[ti], c.match);
    case 'PRIOR': {
      for (let j = ti; j >= 0; j--) if (events[j]?.type === c.match.type) return matches(events[j], c.match);
      return false;
    }
    case 'LATER':
      return events.some((e, j) => j > ti && matches(e, c.match));
    case 'ALL':
      return c.of.every((x) => holds(x, events, ti));
    case 'NOT':
      return !holds(c.of, events, ti);
  }
}

function firstAfter(events: readonly DeadlineEvent[], ti: number, ms: readonly EventMatch[] | undefined): { index: number; event: DeadlineEvent } | null {
  if (!ms || ms.length === 0) return null;
  for (let j = ti + 1; j < events.length; j++) {
    const e = events[j];
    if (e && ms.some((m) => matches(e, m))) return { index: j, event: e };
  }
  return null;
}

// ------------------------------------------------------------------ text helpers

type Lang = keyof Labels;
const DAY_NAMES: Record<Lang, readonly string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  fr: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
};

function fmt(date: string, lang: Lang): string {
  return `${DAY_NAMES[lang][weekday(date)] ?? ''} ${date}`;
}

function span(value: number, unit: Length['unit'], lang: Lang): string {
  const many = value > 1;
  if (lang === 'en') {
    const word = { CAL_DAYS: 'day', WORKING_DAYS: 'working day', CAL_MONTHS: 'month', CAL_YEARS: 'year' }[unit];
    return `${value} ${word}${many ? 's' : ''}`;
  }
  const word = { CAL_DAYS: many ? 'jours' : 'jour', WORKING_DAYS: many ? 'jours ouvrables' : 'jour ouvrable', CAL_MONTHS: 'mois', CAL_YEARS: many ? 'ans' : 'an' }[unit];
  return `${value} ${word}`;
}

function both(f: (lang: Lang) => string): Labels {
  return { en: f('en'), fr: f('fr') };
}

function eventLabel(type: DeadlineEvent['type'], lang: Lang): string {
  return EVENT_INFO[type]?.labels[lang] ?? type;
}

// ------------------------------------------------------------------ evaluation

interface Computed {
  deadline: Deadline;
  /** Index of the root trigger event in the filtered events. */
  ti: number;
  /** The last day for status purposes (latestIfRolls ?? safe). */
  last: string;
}

interface TriggerFound {
  ti: number;
  event: DeadlineEvent;
  /** Anchors the count: strict reading and favourable reading (differ only for rule-anchored triggers). */
  strict: string;
  favourable: string;
  deemed: boolean;
  parentUnclear: boolean;
  fromRule?: string;
  text: Labels;
}

function calendarRef(kind: CalendarKind, ctx: DeadlineContext): CalendarRef {
  return kind === 'IRB_OFFICES' ? { kind: 'IRB_OFFICES', province: ctx.province } : kind;
}

class Engine {
  private readonly calendars = new Map<string, DayCalendar>();
  private readonly done = new Map<string, Computed | null>();
  private readonly byId: Map<string, DeadlineRule>;

  constructor(
    private readonly events: readonly DeadlineEvent[],
    private readonly ctx: DeadlineContext,
    rules: readonly DeadlineRule[],
    private readonly holidays: HolidayProvider,
  ) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
  }

  calendar(kind: CalendarKind): DayCalendar {
    const ref = calendarRef(kind, this.ctx);
    const key = typeof ref === 'string' ? ref : `${ref.kind}:${ref.province}`;
    let cal = this.calendars.get(key);
    if (!cal) {
      cal = new DayCalendar(ref, this.holidays);
      this.calendars.set(key, cal);
    }
    return cal;
  }

  get(id: string, stack: readonly string[] = []): Computed | null {
    if (this.done.has(id)) return this.done.get(id) ?? null;
    if (stack.includes(id)) throw new Error(`deadline rules depend on each other in a cycle: ${[...stack, id].join(' → ')}`);
    const rule = this.byId.get(id);
    if (!rule) throw new Error(`deadline rule ${stack.at(-1) ?? '?'} refers to unknown rule ${id}`);
    const result = this.evaluate(rule, [...stack, id]);
    this.done.set(id, result);
    return result;
  }

  private findTrigger(rule: DeadlineRule, stack: readonly string[]): TriggerFound | null {
    const t = rule.trigger;
    if (t.kind === 'RULE') {
      const parent = this.get(t.ruleId, stack);
      if (!parent) return null;
      const p = parent.deadline;
      const event = this.events[parent.ti];
      if (!event) return null;
      return {
        ti: parent.ti, event, strict: p.due.safe, favourable: p.due.latestIfRolls ?? p.due.safe, deemed: p.trigger.deemed,
        parentUnclear: p.due.rollUnclear, fromRule: p.ruleId,
        text: both((l) => (l === 'en' ? `the last day of ${p.ruleId} (${p.labels.en})` : `le dernier jour de ${p.ruleId} (${p.labels.fr})`)),
      };
    }
    const types = new Set(t.events.map((m) => m.type));
    let ti = -1;
    for (let j = this.events.length - 1; j >= 0; j--) {
      if (types.has(this.events[j]?.type as DeadlineEvent['type'])) { ti = j; break; }
    }
    const event = this.events[ti];
    if (!event || !t.events.some((m) => matches(event, m))) return null;

    const what = (l: Lang) => eventLabel(event.type, l);
    if (typeof t.date === 'object') {
      const value = event.details?.[t.date.detail];
      if (typeof value !== 'string' || !isIsoDate(value)) return null;
      return {
        ti, event, strict: value, favourable: value, deemed: false, parentUnclear: false,
        text: both((l) => (l === 'en' ? `the date set at "${what('en')}" (${value})` : `la date fixée lors de « ${what('fr')} » (${value})`)),
      };
    }
    if (t.date !== 'receivedDate') {
      const value = t.date === 'noticeDate' ? event.noticeDate ?? event.effectiveDate : event.effectiveDate;
      return { ti, event, strict: value, favourable: value, deemed: false, parentUnclear: false, text: both((l) => (l === 'en' ? `"${what('en')}" (${value})` : `« ${what('fr')} » (${value})`)) };
    }
    if (event.receivedDate) {
      const value = event.receivedDate;
      return {
        ti, event, strict: value, favourable: value, deemed: false, parentUnclear: false,
        text: both((l) => (l === 'en' ? `receipt of "${what('en')}" (received ${value})` : `la réception de « ${what('fr')} » (reçue le ${value})`)),
      };
    }
    const deemed = t.deemedReceipt ?? { days: 0, roll: 'NONE' as const };
    const sent = event.noticeDate ?? event.effectiveDate;
    const cal = this.calendar(rule.calendar);
    let value = cal.count(sent, deemed.days, 'CAL_DAYS', 'AFTER');
    if (deemed.roll === 'NEXT_WORKING_DAY') value = cal.nextWorkingDay(value);
    const from = event.noticeDate ? 'notice' : 'decision';
    return {
      ti, event, strict: value, favourable: value, deemed: true, parentUnclear: false,
      text: both((l) => {
        if (l === 'en') {
          const how = deemed.days > 0
            ? `deemed received ${value}: ${from} date ${sent} + ${deemed.days} days${deemed.roll === 'NEXT_WORKING_DAY' ? ', next working day if closed' : ''}`
            : `receipt not recorded: counted from the ${from} date ${sent}`;
          return `receipt of "${what('en')}" (${how}; flagged)`;
        }
        const fromFr = event.noticeDate ? 'l\'avis' : 'la décision';
        const how = deemed.days > 0
          ? `réputée reçue le ${value} : date de ${fromFr} ${sent} + ${deemed.days} jours${deemed.roll === 'NEXT_WORKING_DAY' ? ', jour ouvrable suivant si fermé' : ''}`
          : `réception non enregistrée : compté depuis la date de ${fromFr} ${sent}`;
        return `la réception de « ${what('fr')} » (${how}; signalé)`;
      }),
    };
  }

  private dueDates(rule: DeadlineRule, trig: TriggerFound, value: number, unit: Length['unit']): DueDates & { plain: string } {
    const cal = this.calendar(rule.calendar);
    const dir = rule.length.direction;
    const ex = rule.countingExclusions ?? [];
    const sure = ex.filter((e) => e.applies === 'YES');
    const nominal = cal.count(trig.strict, value, unit, dir, sure);
    const nominalFav = cal.count(trig.favourable, value, unit, dir, ex);
    const plain = cal.count(trig.strict, value, unit, dir);

    const resolved: ResolvedRollPolicy | null = rule.roll === 'CONFIGURABLE' ? this.ctx.rollResolution?.[rule.id] ?? null : rule.roll;
    const roll = (d: string, policy: ResolvedRollPolicy): string =>
      policy === 'NONE' ? d : policy === 'NEXT_WORKING_DAY' ? cal.nextWorkingDay(d) : cal.nextNonHoliday(d);
    // Unresolved CONFIGURABLE: IA s.26 is the strict reading, "next working day" (past a Saturday) the favourable one.
    const strictLast = roll(nominal, resolved ?? 'NEXT_NON_HOLIDAY');
    const favLast = roll(nominalFav, resolved ?? 'NEXT_WORKING_DAY');
    const safe = rule.nature === 'FILING' ? cal.lastWorkingDayOnOrBefore(nominal) : strictLast;
    const latest = favLast > strictLast ? favLast : strictLast;
    return {
      nominal,
      safe,
      latestIfRolls: latest > safe ? latest : null,
      rollUnclear: favLast !== strictLast || trig.parentUnclear,
      plain,
    };
  }

  private evaluate(rule: DeadlineRule, stack: readonly string[]): Computed | null {
    const trig = this.findTrigger(rule, stack);
    if (!trig) return null;
    const { asOf } = this.ctx;

    const p = rule.practice;
    const practiceOn = p !== undefined && trig.strict >= p.effectiveFrom && (!p.effectiveTo || trig.strict < p.effectiveTo);
    const due = this.dueDates(rule, trig, practiceOn ? p.value : rule.length.value, practiceOn ? p.unit : rule.length.unit);
    const regulatory = practiceOn ? this.dueDates(rule, trig, rule.length.value, rule.length.unit) : null;
    const last = due.latestIfRolls ?? due.safe;

    // ---------------------------------------------------------- applicability
    let status: DeadlineStatus | null = null;
    let statusText: Labels | null = null;
    let conditional = false;
    let metOn: string | undefined;

    if (rule.inForceFrom && trig.strict < rule.inForceFrom) {
      status = 'NOT_APPLICABLE';
      statusText = both((l) => (l === 'en'
        ? `Not applicable: the rule applies from ${rule.inForceFrom}.`
        : `Sans objet : la règle s'applique à compter du ${rule.inForceFrom}.`));
    }
    const excluded = status ? undefined : (rule.notApplicableWhen ?? []).find((x) => holds(x.when, this.events, trig.ti));
    if (excluded) {
      status = 'NOT_APPLICABLE';
      statusText = both((l) => `${l === 'en' ? 'Not applicable: ' : 'Sans objet : '}${excluded.reason[l]} (${excluded.source})`);
    }
    if (!status && rule.dependsOn) {
      const parent = this.get(rule.dependsOn.ruleId, stack);
      const effect = parent ? rule.dependsOn.whenParent[parent.deadline.status] : 'NOT_APPLICABLE';
      const reason = rule.dependsOn.reason;
      if (effect === 'NOT_APPLICABLE') {
        status = 'NOT_APPLICABLE';
        statusText = both((l) => `${l === 'en' ? 'Not applicable: ' : 'Sans objet : '}${reason[l]}`);
      } else if (effect === 'CONDITIONAL') {
        conditional = true;
      }
    }

    // ---------------------------------------------------------- status from events and asOf
    if (!status) {
      const closer = firstAfter(this.events, trig.ti, rule.closedBy);
      const miss = firstAfter(this.events, trig.ti, rule.missedBy);
      const end = firstAfter(this.events, trig.ti, rule.endedBy);
      const before = (a: { index: number } | null, b: { index: number } | null) => a !== null && (b === null || a.index < b.index);
      const closedLabel = (l: Lang) => (rule.closedBy.map((m) => `"${eventLabel(m.type, l)}"`).join(l === 'en' ? ' or ' : ' ou '));

      if (closer && before(closer, miss) && before(closer, end)) {
        metOn = closer.event.effectiveDate;
        const late = metOn > last;
        status = late ? 'MISSED' : 'MET';
        const name = (l: Lang) => eventLabel(closer.event.type, l);
        statusText = both((l) => (l === 'en'
          ? (late ? `Missed: ${name('en')} on ${metOn}, after the last day.` : `Met: ${name('en')} on ${metOn}.`)
          : (late ? `Manqué : ${name('fr')} le ${metOn}, après le dernier jour.` : `Respecté : ${name('fr')} le ${metOn}.`)));
      } else if (miss && before(miss, end)) {
        status = 'MISSED';
        const m = miss.event;
        statusText = both((l) => (l === 'en' ? `Missed: ${eventLabel(m.type, 'en')} recorded on ${m.effectiveDate}.` : `Manqué : ${eventLabel(m.type, 'fr')} enregistré le ${m.effectiveDate}.`));
      } else if (end && (rule.nature === 'BAR' || end.event.effectiveDate <= last)) {
        status = 'NOT_APPLICABLE';
        const e = end.event;
        statusText = both((l) => (l === 'en' ? `No longer applies: ${eventLabel(e.type, 'en')} on ${e.effectiveDate}.` : `Ne s'applique plus : ${eventLabel(e.type, 'fr')} le ${e.effectiveDate}.`));
      } else if (rule.nature === 'BAR') {
        status = asOf >= due.safe ? 'MET' : 'OPEN';
        statusText = both((l) => (status === 'MET'
          ? (l === 'en' ? `The bar ended on ${due.safe}.` : `L'interdiction a pris fin le ${due.safe}.`)
          : (l === 'en' ? `The bar runs until ${due.safe}, the first day it no longer applies.` : `L'interdiction court jusqu'au ${due.safe}, premier jour où elle ne s'applique plus.`)));
      } else if (asOf > last) {
        status = 'MISSED';
        statusText = both((l) => {
          if (rule.closedBy.length === 0) {
            return l === 'en' ? 'The last day has passed (no lifecycle event records this step, so it may have been done).' : 'Le dernier jour est passé (aucun événement n\'enregistre cette étape; elle a pu être faite).';
          }
          return l === 'en' ? `Missed: the last day has passed with no ${closedLabel('en')} recorded.` : `Manqué : le dernier jour est passé sans ${closedLabel('fr')} enregistré.`;
        });
      } else {
        status = 'OPEN';
      }
    }

    let daysRemaining: number | undefined;
    let pastSafeDate: boolean | undefined;
    if (status === 'OPEN') {
      pastSafeDate = asOf > due.safe;
      daysRemaining = daysBetween(asOf, pastSafeDate ? last : due.safe);
      if (rule.nature !== 'BAR') {
        const n = daysRemaining;
        statusText = both((l) => {
          if (l === 'en') {
            return pastSafeDate
              ? `Open: the safe date has passed; ${n} day(s) left only if the later reading holds.`
              : `Open: ${n} day(s) left to the safe date.`;
          }
          return pastSafeDate
            ? `Ouvert : la date sûre est passée; ${n} jour(s) restant(s) seulement si la lecture favorable s'applique.`
            : `Ouvert : ${n} jour(s) restant(s) avant la date sûre.`;
        });
      }
      if (conditional && rule.dependsOn) {
        const reason = rule.dependsOn.reason;
        const base = statusText;
        statusText = both((l) => `${l === 'en' ? 'Conditional: ' : 'Conditionnel : '}${reason[l]} ${base?.[l] ?? ''}`.trim());
      }
    } else {
      conditional = false;
    }

    const explanation = this.explain(rule, trig, due, regulatory, practiceOn, statusText);
    const deadline: Deadline = {
      ruleId: rule.id,
      key: rule.key,
      labels: { ...rule.labels },
      nature: rule.nature,
      trigger: { event: trig.event.type, date: trig.strict, deemed: trig.deemed, ...(trig.fromRule ? { fromRule: trig.fromRule } : {}) },
      due: { nominal: due.nominal, safe: due.safe, latestIfRolls: due.latestIfRolls, rollUnclear: due.rollUnclear },
      ...(regulatory ? {
        regulatoryDue: regulatory.nominal,
        regulatory: { nominal: regulatory.nominal, safe: regulatory.safe, latestIfRolls: regulatory.latestIfRolls, rollUnclear: regulatory.rollUnclear },
      } : {}),
      status,
      ...(metOn !== undefined ? { metOn } : {}),
      ...(daysRemaining !== undefined ? { daysRemaining, pastSafeDate: pastSafeDate === true } : {}),
      ...(conditional ? { conditional: true } : {}),
      verifiable: rule.closedBy.length > 0 || rule.nature === 'BAR',
      source: rule.source,
      confidence: rule.confidence,
      explanation,
    };
    return { deadline, ti: trig.ti, last };
  }

  private explain(
    rule: DeadlineRule, trig: TriggerFound, due: DueDates & { plain: string }, regulatory: DueDates | null,
    practiceOn: boolean, statusText: Labels | null,
  ): Labels {
    const p = rule.practice;
    const len = rule.length;
    return both((l) => {
      const en = l === 'en';
      const parts: string[] = [];
      const value = practiceOn && p ? p.value : len.value;
      const unit = practiceOn && p ? p.unit : len.unit;
      const dir = len.direction === 'AFTER' ? (en ? 'after' : 'après') : (en ? 'before' : 'avant');
      parts.push(en
        ? `${rule.labels.en}: ${span(value, unit, 'en')} ${dir} ${trig.text.en}.`
        : `${rule.labels.fr} : ${span(value, unit, 'fr')} ${dir} ${trig.text.fr}.`);
      if (p && practiceOn && regulatory) {
        parts.push(en
          ? `Practice notice (${p.source}, from ${p.effectiveFrom}) gives ${span(p.value, p.unit, 'en')} instead of the regulation's ${span(len.value, len.unit, 'en')}; the regulation alone gives ${fmt(regulatory.nominal, 'en')}.`
          : `L'avis de pratique (${p.source}, depuis le ${p.effectiveFrom}) accorde ${span(p.value, p.unit, 'fr')} au lieu des ${span(len.value, len.unit, 'fr')} du règlement; le règlement seul donne ${fmt(regulatory.nominal, 'fr')}.`);
      } else if (p) {
        parts.push(en
          ? `The practice notice (${p.source}) applies from ${p.effectiveFrom}; this clock started earlier, so the regulation's ${span(len.value, len.unit, 'en')} apply.`
          : `L'avis de pratique (${p.source}) s'applique depuis le ${p.effectiveFrom}; ce délai a commencé avant, donc les ${span(len.value, len.unit, 'fr')} du règlement s'appliquent.`);
      }
      const sure = (rule.countingExclusions ?? []).filter((e) => e.applies === 'YES');
      if (sure.length > 0 && due.plain !== due.nominal) {
        parts.push(en
          ? `${sure.map((e) => e.labels.en).join(', ')} left out of the count (${sure.map((e) => e.source).join('; ')}).`
          : `${sure.map((e) => e.labels.fr).join(', ')} exclu(s) du calcul (${sure.map((e) => e.source).join('; ')}).`);
      }
      parts.push(this.datesText(rule, due, l));
      if (rule.notes) parts.push(rule.notes[l]);
      if (statusText) parts.push(statusText[l]);
      parts.push(`${en ? 'Source: ' : 'Source : '}${rule.source}.`);
      return parts.join(' ');
    });
  }

  private datesText(rule: DeadlineRule, due: DueDates, l: Lang): string {
    const en = l === 'en';
    const latest = due.latestIfRolls;
    if (rule.nature === 'BAR') return en ? `Ends on ${fmt(due.safe, 'en')}.` : `Prend fin le ${fmt(due.safe, 'fr')}.`;
    if (latest === null) return en ? `Last day: ${fmt(due.safe, 'en')}.` : `Dernier jour : ${fmt(due.safe, 'fr')}.`;
    const why: string[] = [];
    if (due.rollUnclear) {
      const unclearEx = (rule.countingExclusions ?? []).filter((e) => e.applies === 'UNCLEAR');
      if (rule.roll === 'CONFIGURABLE') {
        why.push(en
          ? 'whether the last day moves past a Saturday is unsettled: the Interpretation Act does not list Saturday as a holiday (s.26, s.35) ❓'
          : 'le report au-delà d\'un samedi est incertain : la Loi d\'interprétation ne compte pas le samedi parmi les jours fériés (art. 26, 35) ❓');
      }
      for (const e of unclearEx) {
        why.push(en ? `whether ${e.labels.en} is left out of the count is unsettled (${e.source}) ❓` : `l'exclusion de la période « ${e.labels.fr} » est incertaine (${e.source}) ❓`);
      }
      if (why.length === 0 && rule.trigger.kind === 'RULE') {
        why.push(en ? `it is counted from ${rule.trigger.ruleId}, whose last day is unsettled` : `il est compté depuis ${rule.trigger.ruleId}, dont le dernier jour est incertain`);
      }
    }
    if (rule.nature !== 'FILING') {
      return en
        ? `Last day: ${fmt(due.safe, 'en')}; ${fmt(latest, 'en')} if the later reading holds${why.length ? ` (${why.join('; ')})` : ''}.`
        : `Dernier jour : ${fmt(due.safe, 'fr')}; ${fmt(latest, 'fr')} selon la lecture favorable${why.length ? ` (${why.join('; ')})` : ''}.`;
    }
    const closed = due.nominal !== due.safe;
    const head = closed
      ? (en ? `The counted last day, ${fmt(due.nominal, 'en')}, is a day the office is closed.` : `Le dernier jour compté, ${fmt(due.nominal, 'fr')}, est un jour de fermeture du bureau.`)
      : (en ? `The counted last day is ${fmt(due.nominal, 'en')}.` : `Le dernier jour compté est le ${fmt(due.nominal, 'fr')}.`);
    const safe = en ? `Safe date (relies on no roll): ${fmt(due.safe, 'en')}.` : `Date sûre (sans report) : ${fmt(due.safe, 'fr')}.`;
    const stays = !due.rollUnclear && latest === due.nominal;
    const tail = stays
      ? (en ? `In law the last day stays ${fmt(latest, 'en')}, a day the office is closed.` : `En droit, le dernier jour demeure le ${fmt(latest, 'fr')}, un jour de fermeture du bureau.`)
      : due.rollUnclear
      ? (en ? `Latest if the deadline rolls forward: ${fmt(latest, 'en')}, flagged: ${why.join('; ')}.` : `Au plus tard si le délai est reporté : ${fmt(latest, 'fr')}, signalé : ${why.join('; ')}.`)
      : (en ? `It moves to ${fmt(latest, 'en')} (${ROLL_BASIS[rule.roll].en}).` : `Il est reporté au ${fmt(latest, 'fr')} (${ROLL_BASIS[rule.roll].fr}).`);
    return `${head} ${safe} ${tail}`;
  }
}

/** Why a clear roll moves the last day. FED_COURTS holidays include Saturday (r.2). */
const ROLL_BASIS: Record<DeadlineRule['roll'], Labels> = {
  NONE: { en: 'the last day does not move; the office is closed that day', fr: 'le dernier jour n\'est pas reporté; le bureau est fermé ce jour-là' },
  NEXT_NON_HOLIDAY: {
    en: 'Interpretation Act s.26: a holiday is not the last day; for the Federal Courts, Saturday is a holiday (Rules r.2)',
    fr: 'Loi d\'interprétation, art. 26 : un jour férié n\'est pas le dernier jour; pour les Cours fédérales, le samedi est férié (Règles, r. 2)',
  },
  NEXT_WORKING_DAY: { en: 'moved to the next working day', fr: 'reporté au jour ouvrable suivant' },
  CONFIGURABLE: { en: 'Interpretation Act s.26: a holiday is not the last day', fr: 'Loi d\'interprétation, art. 26 : un jour férié n\'est pas le dernier jour' },
};

function checkInput(events: readonly DeadlineEvent[], ctx: DeadlineContext): void {
  // Bad dates are the caller's bug: stored events were validated by the lifecycle machine.
  if (!isIsoDate(ctx.asOf)) throw new RangeError(`asOf must be a YYYY-MM-DD date, got ${String(ctx.asOf)}`);
  events.forEach((e, i) => {
    for (const field of ['effectiveDate', 'noticeDate', 'receivedDate'] as const) {
      const v = e[field];
      if (field !== 'effectiveDate' && (v === undefined || v === null)) continue;
      if (typeof v !== 'string' || !isIsoDate(v)) throw new RangeError(`events[${i}].${field} must be a YYYY-MM-DD date, got ${String(v)}`);
    }
  });
}

/**
 * Deadlines of one claim as of `context.asOf`, in rule order. Only rules whose trigger has happened appear.
 * Events are taken in the order given (the lifecycle's order); those dated after asOf are ignored, so a past
 * asOf shows the claim as it stood then.
 */
export function computeDeadlines(
  events: readonly DeadlineEvent[],
  context: DeadlineContext,
  rules: readonly DeadlineRule[],
  holidays: HolidayProvider,
): Deadline[] {
  checkInput(events, context);
  const visible = events.filter((e) => e.effectiveDate <= context.asOf);
  const engine = new Engine(visible, context, rules, holidays);
  const out: Deadline[] = [];
  for (const rule of rules) {
    const c = engine.get(rule.id);
    if (c) out.push(c.deadline);
  }
  return out;
}
