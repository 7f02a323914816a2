import { PolicyDocument, type EditorDocument } from './policy-document';

/** What an editor knows of an open document: VS Code's TextDocument and Monaco's model both fit. */
export interface VersionedText {
  readonly uri: string;
  readonly version: number;
  getText(): string;
  /** The file name reports use (defaults to the uri). */
  readonly file?: string;
}

/** Makes the document object for a text; another source (an IaC template, source-mapped: editorDocuments) plugs in here. */
export type DocumentFactory<D extends EditorDocument = EditorDocument> = (text: VersionedText) => D;

const policyDocument: DocumentFactory<PolicyDocument> = (d) => new PolicyDocument(d.uri, d.version, d.getText(), d.file);

/**
 * One document object per open document and version, in the shape of vscode-json-languageservice: the
 * editor asks for the document, then for hovers, completions and statements of it; nothing re-parses per
 * request. A new version replaces the old object, so an answer never mixes two versions' offsets.
 */
export class LanguageService<D extends EditorDocument = EditorDocument> {
  private readonly documents = new Map<string, D>();

  constructor(
    private readonly create: DocumentFactory<D> = policyDocument as DocumentFactory<EditorDocument> as DocumentFactory<D>,
    /** Open documents kept at most (the least recently used is dropped first). */
    private readonly capacity = 64,
  ) {}

  document(text: VersionedText): D {
    const cached = this.documents.get(text.uri);
    this.documents.delete(text.uri);
    const document = cached && cached.version === text.version ? cached : this.create(text);
    this.documents.set(text.uri, document);
    if (this.documents.size > this.capacity) this.documents.delete(this.documents.keys().next().value!);
    return document;
  }

  /** Drops a closed document. */
  forget(uri: string): void {
    this.documents.delete(uri);
  }
}
