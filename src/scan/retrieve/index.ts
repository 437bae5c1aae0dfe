/** Retrieval: all network I/O of a scan (spec §2.4). Import from here. */
export { retrieveSite, completeEvidence, type RetrievedEvidence, type RetrieveOptions, type SiteRetrieval, type SiteTarget } from './site';
export {
  createRetriever, lowerLimits, DEFAULT_LIMITS, BROWSER_UA, SPIDER_UA, SCANNER_SUFFIX,
  type Retriever, type RetrieverOptions, type RetrievalLimits,
} from './retriever';
export { assertAddressAllowed, getOffLoopbackAttempts, isInwardAddress, isLoopbackAddress, offLoopbackAttempts, ScopeError, type NetworkMode } from './guard';
export { caresResolver, staticNetwork, identityPorts, pickAddress, type HostResolver, type PortMap, type StaticHostMap, type DnsAnswer } from './resolver';
export { Connector, type ConnectionInfo, type TlsConnectionFacts, type TlsHandshakeFacts, type TlsVersion, type HandshakeResult } from './connector';
export { hashRequestLog, hashScanDigests, type RequestLogEntry, type RequestPurpose } from './request-log';
export { classifyError, isNetworkError, BudgetError } from './fetch';
export { walk, redirectOf, MAX_HOPS } from './walk';
