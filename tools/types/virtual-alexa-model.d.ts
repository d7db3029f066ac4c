declare module 'virtual-alexa/lib/src/model/InteractionModel' {
  import type { IModel } from 'virtual-core';

  /** virtual-alexa's parsed interaction model; it ships no type declaration for this file. */
  export class InteractionModel implements IModel {
    static fromJSON(json: unknown): InteractionModel;
    hasIntent: (intent: string) => boolean;
    intentSchema: IModel['intentSchema'];
    sampleUtterances: IModel['sampleUtterances'];
    slotTypes?: IModel['slotTypes'];
  }
}
