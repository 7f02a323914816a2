import type { ParsedStatement } from '../policy/model';
import type { FileHost } from '../scenario/model';
import { readTemplateFile, type TemplateFormat } from '../sources/read-template-file';
import type { SourceReading } from '../sources/reading';
import type { ParsedTemplate } from '../sources/tree';
import type { Completions } from './completion';
import { completionsInTemplate } from './template-completion';
import type { HoverInfo } from './hover';
import type { EditorDocument } from './policy-document';
import { hoverInTemplate } from './template-hover';

/** What reading a template takes besides its text: the files it names (Terraform `file()`) and the config's parameters. */
export interface TemplateReadContext {
  host: FileHost;
  parameters?: Readonly<Record<string, string>>;
}

/**
 * A template (CloudFormation/SAM, Serverless, Terraform) open in an editor, one object per version. Its
 * reading — the policies it holds, each value with its span in the file — is made by the check of this
 * version (`read`) and reused by every hover and completion of it; one asked before any check reads it once.
 */
export class TemplateDocument implements EditorDocument {
  readonly kind = 'template';
  private latest: SourceReading | undefined;
  readonly statements: readonly ParsedStatement[] = [];

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    /** The file name reports use. */
    readonly file: string,
    readonly format: TemplateFormat,
    /** The YAML tree classifying the file made. */
    private readonly tree: ParsedTemplate | undefined,
    /** The context to read with when no check has read this version yet. */
    private readonly context: () => TemplateReadContext,
  ) {}

  /** Reads the template now (a check does, so that config changes count) and keeps the reading for hovers. */
  read(context: TemplateReadContext = this.context()): SourceReading {
    this.latest = readTemplateFile(
      { path: this.file, text: this.text, format: this.format, ...(this.tree && { tree: this.tree }) },
      context.host,
      context.parameters,
    );
    return this.latest;
  }

  get reading(): SourceReading {
    return this.latest ?? this.read();
  }

  hover(offset: number): HoverInfo | undefined {
    return hoverInTemplate(this.reading.policies, this.text, offset);
  }

  completions(offset: number): Completions | undefined {
    return completionsInTemplate(this.reading.policies, this.text, offset);
  }

  /** Statement lenses and "explain this statement" are for policy files. */
  statementAt(): ParsedStatement | undefined {
    return undefined;
  }
}
