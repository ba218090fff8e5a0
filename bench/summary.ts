import type { BrowserResults } from './browser-report.ts';
import type { ClusterResults } from './cluster-report.ts';
import type { BenchResults } from './report.ts';
import type { ScenarioId } from './wecom-calls.ts';

/**
 * The last run's headline figures, under `summary` in bench/results.json, so that they can be read without knowing
 * the rest of its shape. A figure is null while the part that measures it has not run; the cluster's until the
 * cluster part has run.
 */
export interface ResultsSummary {
  /** WeCom API calls per sign-in, with the access token already cached. */
  calls: {
    /** A member already linked, inside the WeCom client. */
    returning: number | null;
    /** A member linked by phone on their first sign-in. */
    firstLogin: number | null;
  };
  /** One NocoBase node: the WeCom callback's sign-ins per second ÷ the floor sign-in's. */
  callback: { vsFloor: number | null };
  cluster: {
    /** Two nodes: WeCom ÷ floor. */
    vsFloor: number | null;
    /** WeCom sign-ins per second on two nodes ÷ on one, both through nginx. */
    twoNodesVsOneNode: number | null;
  };
  /** Median time until the signed-in page is shown: silent sign-in ÷ opening the same page with a session. */
  silent: { vsSession: number | null };
}

/** What the summary reads of each part. */
export interface SummarisedParts {
  server: Pick<BenchResults, 'callsPerSignIn' | 'ratios'> | null;
  browser: Pick<BrowserResults, 'silentToWithSession'> | null;
  cluster: Pick<ClusterResults, 'ratios'> | null;
}

function apiCalls(server: SummarisedParts['server'], id: ScenarioId): number | null {
  return server?.callsPerSignIn.find((count) => count.id === id)?.apiTotal ?? null;
}

export function summariseResults({ server, browser, cluster }: SummarisedParts): ResultsSummary {
  return {
    calls: { returning: apiCalls(server, 'returning-in-client'), firstLogin: apiCalls(server, 'first-login-warm') },
    callback: { vsFloor: server?.ratios.wecomToFloorThroughput ?? null },
    cluster: {
      vsFloor: cluster?.ratios.twoNodesWecomToFloor ?? null,
      twoNodesVsOneNode: cluster?.ratios.twoNodesToOneNodeWecom ?? null,
    },
    silent: { vsSession: browser?.silentToWithSession ?? null },
  };
}
