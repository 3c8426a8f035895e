import type { TadaDocumentNode } from 'gql.tada';
import { getClient } from '$lib/graphql/client';
import { classifyError } from '$lib/graphql/errors';
import { failureMessage } from '$lib/i18n/failure';

type CsvModule = typeof import('./csv');

/**
 * A desk screen's spreadsheet export: reads the rows fresh from the server, then lets the screen
 * write its file. `running` and `error` drive the export button and the alert under it.
 */
export class DeskExport {
  running = $state(false);
  error = $state<string | null>(null);

  async run<Data, Variables>(
    document: TadaDocumentNode<Data, Variables>,
    variables: NoInfer<Variables>,
    write: (data: Data, csv: CsvModule) => void,
  ): Promise<void> {
    this.running = true;
    // The CSV writer (papaparse) is loaded when someone exports, not with the screen.
    const csv = await import('./csv');
    this.error = null;
    const result = await getClient()
      .query(document, variables as never, { requestPolicy: 'network-only' })
      .toPromise();
    this.running = false;
    if (result.error || !result.data) {
      this.error = failureMessage(result.error ? classifyError(result.error) : 'unexpected');
      return;
    }
    write(result.data, csv);
  }
}
