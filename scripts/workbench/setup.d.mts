export declare function setup(options?: { force?: boolean }): Promise<void>;
