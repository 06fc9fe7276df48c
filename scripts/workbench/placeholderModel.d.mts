export declare function packagePlaceholderModel(dir: string): string;
