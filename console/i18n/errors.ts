/**
 * Field messages in the user's language. The verbs and the zod schemas speak English (the API
 * is read by scripts); forms show the same findings translated. A message nobody translated yet
 * is shown as it is, in English, rather than hidden.
 */
import type { I18n, MessageKey, Params } from './index.js';

export interface RawFieldError {
  field: string;
  message: string;
  code?: string | undefined;
}

type Rule = [RegExp, MessageKey, ((m: RegExpExecArray, i18n: I18n) => Params)?];

const lengthOf = (m: RegExpExecArray) => ({ n: m[1] ?? '' });

/** Messages written by the project's schemas and verbs. */
const domain: Rule[] = [
  [/^must be a DNS-safe slug/, 'err.slug'],
  [/^must be an image reference pinned by digest/, 'err.pinnedImage'],
  [/^must be upper-case letters and digits/, 'err.ministryCode'],
  [/^must be a docker endpoint/, 'err.dockerEndpoint'],
  [/^ports must be unique$/, 'err.portsUnique'],
  [/^service names must be unique$/, 'err.serviceNamesUnique'],
  [/^(restricted|secret) data is never exposed publicly$/, 'err.neverPublic', (m, i) => ({ classification: i.t(m[1] === 'secret' ? 'classification.secret' : 'classification.restricted') })],
  [/^high availability needs at least 2 replicas$/, 'err.haReplicas'],
  [/^must be 0 when the backup policy is none$/, 'err.retentionZero'],
  [/^must be at least 1 day when backups are taken$/, 'err.retentionOne'],
  [/^stored (restricted|secret) data must be backed up$/, 'err.mustBackup', (m, i) => ({ classification: i.t(m[1] === 'secret' ? 'classification.secret' : 'classification.restricted') })],
  [/^already in use in this ministry$/, 'err.envNameTaken'],
  [/^already in use$/, 'err.inUse'],
  [/^a reason is required to /, 'err.reasonRequired'],
  [/^must be at least ([\d.]+) \(already booked\)$/, 'err.belowBooked', lengthOf],
  [/^must be at least ([\d.]+) \(placed on this host\)$/, 'err.belowPlaced', lengthOf],
  [/^cannot change while replicas are placed on this host/, 'err.feedLocked'],
  [/^must be at least 12 characters$/, 'err.passwordLength'],
  [/^the password is built from the account’s email or name$/, 'err.passwordFromAccount'],
  [/^the password is too easy to guess/, 'err.weakPassword'],
  [/^must not contain (control characters|lone UTF-16 surrogates)$/, 'err.invalidText'],
  [/^this is not the code the authenticator shows now$|^wrong second-factor code$/, 'err.wrongCode'],
  [/^this is not the current password$|^wrong password$/, 'err.wrongPassword'],
  [/^must differ from the current password$/, 'err.samePassword'],
  [/^a requester belongs to one ministry$/, 'err.requesterMinistry'],
  [/^only requesters belong to a ministry$/, 'err.onlyRequesterMinistry'],
  [/^no ministry (?:has the code|with code) "?([^"]+)"?$/, 'err.noMinistry', (m) => ({ code: m[1] ?? '' })],
  [/^nothing to change$/, 'err.nothingToChange'],
  [/^a control is excluded only with a justification$/, 'err.justificationRequired'],
  [/^excluding an ISO\/IEC 27001 Annex A control needs a justification of at least (\d+) characters$/, 'err.isoJustification', lengthOf],
  [/^say why the version is rejected$/, 'err.rejectReason'],
  [/^link at least one control$/, 'err.linkControl'],
  [/^a finding names at least one control$/, 'err.linkControl'],
  [/^no control "([^"]+)" in (.+)$/, 'err.unknownControl', (m) => ({ control: m[1] ?? '' })],
  [/^.+ has no control "([^"]+)"$/, 'err.unknownControl', (m) => ({ control: m[1] ?? '' })],
  [/^unknown framework/, 'err.unknownFramework'],
  [/^listed twice$/, 'err.listedTwice'],
  [/^controls must be unique$/, 'err.listedTwice'],
  [/^must be a date \(/, 'err.evidenceDate'],
  [/^due date looks like/, 'err.date'],
  [/^the due date cannot be in the past/, 'err.pastDate'],
  [/^must be an http or https URL without credentials$/, 'err.url'],
  [/^a link version needs its URL$/, 'err.urlRequired'],
  [/^a note version needs its text$/, 'err.noteRequired'],
  [/^must be after effectiveAt$/, 'err.expiresAfterEffective'],
  [/^the file is empty$/, 'err.fileEmpty'],
  [/^type (.+) is not accepted$/, 'err.fileType', (m) => ({ type: m[1] ?? '' })],
  [/^the content does not look like (.+)$/, 'err.fileSignature', (m) => ({ type: m[1] ?? '' })],
  [/^larger than (\d+) bytes$/, 'err.fileTooLarge', (m, i) => ({ size: i.bytes(Number(m[1])) })],
  [/^reason must be at least (\d+) characters$/, 'err.minChars', lengthOf],
  [/^describe the corrective action in at least (\d+) characters$/, 'err.minChars', lengthOf],
  [/^(?:expiresAt )?must be in the future$/, 'err.future'],
  [/^an exception may last at most (\d+) days$/, 'err.exceptionTooLong', lengthOf],
  [/^no policy rule has the id/, 'err.unknownRule'],
  [/^resource pattern is too broad/, 'err.patternTooBroad'],
  [/^resource must look like/, 'err.resourcePattern'],
  [/^rule id must be/, 'err.unknownRule'],
  [/^unknown field$/, 'err.unknownField'],
  [/^wrong email or password$/, 'login.failed'],
  [/^never applied$/, 'reason.neverApplied'],
  [/^no working directory for this stack/, 'reason.noWorkdir'],
  [/^no terraform\/tofu binary found/, 'reason.noBinary'],
  [/^interrupted: the process applying it stopped$/, 'reason.interrupted'],
  [/^(failed|timed-out) at (\w+): (.*)$/, 'reason.stepFailed', (m, i) => ({ status: i.t(m[1] === 'failed' ? 'reason.status.failed' : 'reason.status.timed-out'), step: m[2] ?? '', detail: translateMessage(m[3] ?? '', i) })],
  [/^(terraform|tofu) (\w+) exited with code (\d+)$/, 'reason.exitCode', (m) => ({ tool: m[1] ?? '', command: m[2] ?? '', code: m[3] ?? '' })],
  [/^(terraform|tofu) (\w+) was killed \((.*)\)$/, 'reason.killed', (m) => ({ tool: m[1] ?? '', command: m[2] ?? '', signal: m[3] ?? '' })],
  [/^\w+ timed out$|^timed out before the step started$/, 'reason.timedOut'],
  [/^(.+) "([^"]*)" does not exist$/, 'reason.notExist', (m) => ({ entity: m[2] ?? '' })],
  [/^the quota of (\w+) is exceeded/, 'reason.quota', (m) => ({ ministry: m[1] ?? '' })],
  [/^the site cannot place this request/, 'reason.capacity'],
  [/^no host has .* free for replica (\d+) of service "([^"]*)"$/, 'reason.noHostFree', (m) => ({ replica: m[1] ?? '', service: m[2] ?? '' })],
  [/^replica (\d+) of service "([^"]*)" \(.*\) cannot go on a host and power feed distinct/, 'reason.noDistinctHost', (m) => ({ replica: m[1] ?? '', service: m[2] ?? '' })],
  [/^no host can take replica (\d+) of service "([^"]*)"/, 'reason.noHostFree', (m) => ({ replica: m[1] ?? '', service: m[2] ?? '' })],
  [/^high availability needs hosts on both power feeds/, 'reason.oneFeed'],
];

const KINDS = 'site|room|rack|utility|generator|ups|panel|feed|pdu|psu|host|cooling';
const kindName = (k: string | undefined, i18n: I18n) => i18n.t(`kind.${k ?? ''}` as MessageKey);

/** The facility model's checks (facility/model.ts), which name component kinds by their ids. */
const facility: Rule[] = [
  [/^letters, digits, dot, dash and underscore, starting with a letter or digit$/, 'facility.err.idFormat'],
  [/^duplicate id (\S+)$/, 'facility.err.duplicateId', (m) => ({ id: m[1] ?? '' })],
  [new RegExp(`^a (${KINDS}) sits in a ((?:${KINDS})(?: or (?:${KINDS}))*)$`), 'facility.err.sitsIn', (m, i) => ({ kind: kindName(m[1], i), parents: (m[2] ?? '').split(' or ').map((k) => kindName(k, i)).join(', ') })],
  [/^no component (\S+)$/, 'facility.err.noComponent', (m) => ({ id: m[1] ?? '' })],
  [new RegExp(`^a (${KINDS}) cannot sit in a (${KINDS})$`), 'facility.err.cannotSitIn', (m, i) => ({ kind: kindName(m[1], i), parent: kindName(m[2], i) })],
  [new RegExp(`^a (${KINDS}) takes no power input$`), 'facility.err.noInput', (m, i) => ({ kind: kindName(m[1], i) })],
  [new RegExp(`^a (${KINDS}) needs at least one power input$`), 'facility.err.needsInput', (m, i) => ({ kind: kindName(m[1], i) })],
  [new RegExp(`^a (${KINDS}) supplies no power$`), 'facility.err.suppliesNoPower', (m, i) => ({ kind: kindName(m[1], i) })],
  [/^a power supply is plugged into a PDU$/, 'facility.err.psuOnPdu'],
  [/^a host draws through its own power supplies$/, 'facility.err.hostOnPsu'],
  [/^input (\S+) listed twice$/, 'facility.err.inputTwice', (m) => ({ id: m[1] ?? '' })],
  [/^power supply (\S+) belongs to another host$/, 'facility.err.psuOtherHost', (m) => ({ id: m[1] ?? '' })],
  [new RegExp(`^a (${KINDS}) needs its rating in watts$`), 'facility.err.needsRating', (m, i) => ({ kind: kindName(m[1], i) })],
  [/^a cooling unit needs its electrical draw in watts$/, 'facility.err.coolingDraw'],
  [/^idle draw cannot exceed the nameplate rating$/, 'facility.err.idleOverRating'],
  [/^redundant modules must be fewer than the modules installed$/, 'facility.err.redundantModules'],
  [/^only a host names a console host$/, 'facility.err.onlyHostNamesHost'],
  [/^(\S+) is already component (\S+)$/, 'facility.err.hostTaken', (m) => ({ host: m[1] ?? '', id: m[2] ?? '' })],
  [/^beyond the (\d+) U of rack (\S+)$/, 'facility.err.beyondRack', (m) => ({ n: m[1] ?? '', rack: m[2] ?? '' })],
  [/^overlaps (\S+) in rack (\S+)$/, 'facility.err.overlaps', (m) => ({ id: m[1] ?? '', rack: m[2] ?? '' })],
  [/^power loop: (.+)$/, 'facility.err.loop', (m) => ({ path: m[1] ?? '' })],
  [/^a \w+ is not a component that can be taken down/, 'facility.err.notFailable'],
  [/^the CSV cannot be read: (.*)$/s, 'facility.err.csvUnreadable', (m) => ({ detail: m[1] ?? '' })],
  [/^the columns are (.+) \(unknown: (.*)\)$/, 'facility.err.csvColumns', (m, i) => ({ columns: m[1] ?? '', unknown: m[2] === 'none' ? i.t('whatif.none') : (m[2] ?? '') })],
  // A problem found on one line of an import, or on a component other than the one edited: the place, then the problem.
  [/^line (\d+): (.+)$/s, 'facility.err.line', (m, i) => ({ n: m[1] ?? '', message: translateMessage(m[2] ?? '', i) })],
  [/^([A-Za-z0-9._-]{1,64}): (.+)$/s, 'facility.err.of', (m, i) => ({ id: m[1] ?? '', message: translateMessage(m[2] ?? '', i) })],
];

/** zod's own wording (the schemas that set no message of their own). */
const generic: Rule[] = [
  [/^Invalid input: expected \w+, received undefined$/, 'err.required'],
  [/^Invalid input: expected (?:number|int), received (?:NaN|string)$/, 'err.number'],
  [/^Too small: expected string to have >=1 characters$/, 'err.required'],
  [/^Too small: expected string to have >=(\d+) characters$/, 'err.minChars', lengthOf],
  [/^Too big: expected string to have <=(\d+) characters$/, 'err.maxChars', lengthOf],
  [/^Too small: expected (?:number|int) to be >=([-\d.e]+)$/, 'err.min', lengthOf],
  [/^Too small: expected (?:number|int) to be >([-\d.e]+)$/, 'err.gt', lengthOf],
  [/^Too big: expected (?:number|int) to be <=([-\d.e]+)$/, 'err.max', lengthOf],
  [/^Too big: expected (?:number|int) to be <([-\d.e]+)$/, 'err.lt', lengthOf],
  [/^Too small: expected array to have >=(\d+) items?$/, 'err.minItems', lengthOf],
  [/^Too big: expected array to have <=(\d+) items?$/, 'err.maxItems', lengthOf],
  [/^Invalid number: must be a multiple of ([\d.]+)$/, 'err.multipleOf', lengthOf],
  [/^Invalid input: expected int, received number$/, 'err.integer'],
  [/^Invalid option: expected one of/, 'err.option'],
  [/^Invalid email address$/, 'err.email'],
  [/^Invalid ISO date$/, 'err.date'],
  [/^Invalid ISO datetime$/, 'err.dateTime'],
  [/^Invalid string: must match pattern/, 'err.format'],
  [/^Unrecognized key/, 'err.unknownField'],
  [/^Invalid input$/, 'err.invalid'],
];

function format(rule: Rule, m: RegExpExecArray, i18n: I18n): string {
  const [, key, params] = rule;
  const p = params ? params(m, i18n) : undefined;
  // Numbers in messages follow the reader's conventions (0,25 in French).
  if (p && typeof p.n === 'string' && /^-?\d+(\.\d+)?$/.test(p.n)) p.n = i18n.num(Number(p.n));
  return i18n.t(key, p);
}

export function translateMessage(message: string, i18n: I18n): string {
  for (const rules of [domain, facility, generic]) {
    for (const rule of rules) {
      const m = rule[0].exec(message);
      if (m) return format(rule, m, i18n);
    }
  }
  // Nobody translated this one yet: the English text still tells the user what is wrong.
  return message;
}

export function translateFieldError(e: RawFieldError, i18n: I18n): string {
  if (e.code === 'invalid_type' && /received (NaN|string)$/.test(e.message)) return i18n.t('err.number');
  return translateMessage(e.message, i18n);
}
