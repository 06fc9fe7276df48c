export declare function linkDependencies(workspace: string): void;
