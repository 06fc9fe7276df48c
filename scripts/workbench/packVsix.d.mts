export declare function packVsix(out: string): string;
