import { classifyFile, isTemplateFormat } from '../project/classify';
import type { DocumentFactory } from './language-service';
import { PolicyDocument } from './policy-document';
import { TemplateDocument, type TemplateReadContext } from './template-document';

/**
 * Document objects by what the file is, classified once per version: templates (CloudFormation/SAM,
 * Serverless, Terraform) source-mapped, everything else as a JSON policy document. `context` gives what
 * reading a template takes in the file's project (its host and its config's parameters).
 */
export function editorDocuments(context: (file: string) => TemplateReadContext): DocumentFactory<PolicyDocument | TemplateDocument> {
  return (d) => {
    const file = d.file ?? d.uri;
    const text = d.getText();
    const found = classifyFile(file, text);
    const format = found?.format ?? 'other';
    return isTemplateFormat(format)
      ? new TemplateDocument(d.uri, d.version, text, file, format, found?.tree, () => context(file))
      : new PolicyDocument(d.uri, d.version, text, file, format);
  };
}
