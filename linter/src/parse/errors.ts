/** A template that cannot be parsed; becomes one fatal message with its position. */
export class TemplateParseError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
    this.name = "TemplateParseError";
  }
}
