import type { z } from 'zod';
import type { DocWriter } from '../layout';
import type { DocumentTemplate } from '../template';
import type { DocumentKind, ZDocumentBase } from './common';

type DocumentBase = z.infer<typeof ZDocumentBase>;

/** A document kind: its title, input schema and how its body is drawn. */
export type KindDefinition<K extends DocumentKind, S extends z.ZodType<DocumentBase>> = {
  kind: K;
  title: string;
  schema: S;
  /** Issued under the unit's seal (notices, opinions, decisions); records carry signatures only. */
  sealed: boolean;
  draw: (w: DocWriter, data: z.infer<S>, template: DocumentTemplate) => void;
};

/** Parsed data bound to its kind's drawing code, so the renderer needs no per-kind types. */
export type PreparedDocument = {
  kind: DocumentKind;
  title: string;
  sealed: boolean;
  data: DocumentBase;
  draw: (w: DocWriter, template: DocumentTemplate) => void;
};

export function defineKind<K extends DocumentKind, S extends z.ZodType<DocumentBase>>(def: KindDefinition<K, S>) {
  return {
    ...def,
    /** Validates outside data (a JSON column, a job payload) and binds it to the drawing code. */
    prepare(input: unknown): PreparedDocument {
      const data = def.schema.parse(input);
      return { kind: def.kind, title: def.title, sealed: def.sealed, data, draw: (w, t) => def.draw(w, data, t) };
    },
  };
}
