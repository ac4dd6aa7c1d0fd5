/**
 * pdfkit, loaded on first use: it costs about 0.3 s of start-up (fonts, its dependencies) that only the PDF
 * routes and commands need, and every process (each CLI command, each test file) would otherwise pay it.
 */
export async function loadPdfKit(): Promise<typeof import('pdfkit')> {
  return (await import('pdfkit')).default;
}
