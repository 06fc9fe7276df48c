export declare function cleanupStack(label: string): { push(step: () => Promise<unknown>): void; run(): Promise<void> };
