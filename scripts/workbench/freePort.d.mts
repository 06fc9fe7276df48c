/** A port nobody listens on right now (the server binds it a moment later). */
export declare function freePort(): Promise<number>;
