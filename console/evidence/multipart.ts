/**
 * Reads a `multipart/form-data` evidence upload with busboy: the one `file` part goes straight
 * to a staged file in the store (hashed on the way, never held in memory), the other parts are
 * returned as plain text fields for the caller to validate.
 */
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { InvalidInput, MalformedRequest, PayloadTooLarge, UnsupportedMediaType, type FieldError } from '../errors.js';
import { checkFileName, magicMatches, normaliseContentType, typeLabel } from './files.js';
import { EvidenceTooLarge, type EvidenceStore, type StagedFile } from './store.js';

export const FILE_FIELD = 'file';

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: StagedFile & { fileName: string; contentType: string };
}

class SignatureMismatch extends Error {
  constructor(readonly type: string) {
    super(`the content does not look like ${typeLabel(type)}`);
  }
}

const fileError = (message: string, code?: string): FieldError => ({ pointer: `/${FILE_FIELD}`, field: FILE_FIELD, message, ...(code ? { code } : {}) });
const fieldError = (field: string, message: string): FieldError => ({ pointer: `/${field}`, field, message });

function asServiceError(err: unknown): unknown {
  if (err instanceof EvidenceTooLarge) {
    return new PayloadTooLarge(`the file is larger than the ${err.maxBytes} bytes allowed`, { maxBytes: err.maxBytes, errors: [fileError(`larger than ${err.maxBytes} bytes`, 'too_big')] });
  }
  if (err instanceof SignatureMismatch) {
    return new UnsupportedMediaType(`${err.message}, although it was sent as ${err.type}`, { errors: [fileError(err.message, 'signature_mismatch')] });
  }
  return err;
}

/**
 * Resolves once the whole body is read and the file fully written and synced. Refusals (type,
 * name, size, signature) stop writing at once and remove the staged file; the rest of the body
 * is then read and dropped so the client still receives the problem response rather than a
 * reset connection.
 */
export function receiveUpload(body: Readable, contentType: string, store: EvidenceStore, options: { maxBytes: number }): Promise<ReceivedUpload> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      // Kept so a name carrying a path is refused instead of silently cut to its last segment.
      preservePath: true,
      defParamCharset: 'utf8',
      highWaterMark: 1 << 20,
      fileHwm: 1 << 20,
      limits: { files: 1, fields: 10, parts: 11, fieldNameSize: 100, fieldSize: 2000 },
    });
  } catch (err) {
    throw new MalformedRequest(`not a usable multipart/form-data body: ${err instanceof Error ? err.message : String(err)}`);
  }

  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const errors: FieldError[] = [];
    let staging: Promise<StagedFile> | null = null;
    let meta: { fileName: string; contentType: string } | null = null;
    let settled = false;

    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      body.unpipe(parser);
      body.resume();
      // Ends a file part still being written, so its staged file is gone before the caller answers.
      parser.destroy();
      const cleanup = staging ? staging.then((s) => s.discard(), () => undefined) : Promise.resolve();
      void cleanup.then(() => reject(asServiceError(err)));
    };

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) errors.push(fieldError(name, 'the value is too long'));
      else if (Object.hasOwn(fields, name)) errors.push(fieldError(name, 'sent more than once'));
      else fields[name] = value;
    });

    parser.on('file', (name, stream, info) => {
      // Its failures reach us through the parser or the store; a skipped part must not crash the process.
      stream.on('error', () => undefined);
      if (name !== FILE_FIELD) {
        stream.resume();
        errors.push(fieldError(name, `unexpected file; send the file in the "${FILE_FIELD}" part`));
        return;
      }
      const type = normaliseContentType(info.mimeType);
      if (type === null) {
        stream.resume();
        fail(new UnsupportedMediaType(`files of type ${info.mimeType} are not accepted as evidence`, { errors: [fileError(`type ${info.mimeType} is not accepted`, 'type_not_allowed')] }));
        return;
      }
      const checked = checkFileName(info.filename ?? '');
      if (!checked.ok) {
        stream.resume();
        fail(new InvalidInput([fileError(checked.reason, 'bad_file_name')]));
        return;
      }
      meta = { fileName: checked.name, contentType: type };
      staging = store.stageStream(stream, {
        maxBytes: options.maxBytes,
        head: (first) => {
          if (!magicMatches(type, first)) throw new SignatureMismatch(type);
        },
      });
      staging.catch(fail);
    });

    parser.on('filesLimit', () => errors.push(fileError('send one file per version')));
    parser.on('fieldsLimit', () => errors.push({ pointer: '', field: '', message: 'too many fields' }));
    parser.on('partsLimit', () => errors.push({ pointer: '', field: '', message: 'too many parts' }));
    parser.on('error', (err: unknown) => fail(new MalformedRequest(`the multipart body is malformed: ${err instanceof Error ? err.message : String(err)}`)));
    body.on('error', () => fail(new MalformedRequest('the upload was interrupted')));

    parser.on('close', () => {
      if (settled) return;
      if (!staging || !meta) {
        fail(new InvalidInput([...errors, fileError('a file is required', 'required')]));
        return;
      }
      const fileMeta = meta;
      staging.then(
        (staged) => {
          if (settled) return;
          if (errors.length > 0) {
            fail(new InvalidInput(errors));
            return;
          }
          settled = true;
          resolve({ fields, file: Object.assign(staged, fileMeta) });
        },
        (err: unknown) => fail(err),
      );
    });

    body.pipe(parser);
  });
}
