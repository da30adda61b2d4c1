import type { Messages } from './en';

/** Japanese strings (です・ます調, Japanese address order and furigana). */
export const ja: Messages = {
  app: { title: 'ユーザー登録', brand: 'お使いのパソコンを登録', language: '言語' },
  steps: { label: '進み具合', start: 'はじめに', device: '機器', details: 'お客様情報', password: 'パスワード', review: '確認', done: '完了', stepOf: '{{total}} ステップ中 {{current}}' },
  common: {
    back: '戻る', continue: '次へ', tryAgain: 'もう一度試す', close: '閉じる', working: '処理しています…', required: '必須', optional: '任意',
    errorsIntro_one: '{{count}} か所の入力を確認してください。', errorsIntro_other: '{{count}} か所の入力を確認してください。',
  },
  kinds: { pc: 'パソコン', printer: 'プリンター', scanner: 'スキャナー・画像入力機器', modem: 'モデム・ターミナルアダプター', monitor: 'モニター', storage: 'ストレージ', camera: 'カメラ', audio: 'オーディオ機器', input: '入力機器', other: '機器' },
  kindsLower: { pc: 'パソコン', printer: 'プリンター', scanner: 'スキャナー', modem: 'モデム', monitor: 'モニター', storage: 'ストレージ', camera: 'カメラ', audio: 'オーディオ機器', input: '入力機器', other: '機器' },
  reasons: {
    'no-serial': '製造番号を報告しない機器です。', 'junk-serial': '製造番号が仮の値で、本物の番号ではありません。',
    'permission-denied': 'このパソコンの設定により識別情報を読み取れませんでした。', 'internal-panel': 'パソコンに内蔵されている機器です。',
    'unsupported-kind': 'この種類の機器は登録の対象外です。',
  },
  welcome: {
    heading: '新しいパソコンを登録しましょう', lead: '登録は 3 分ほどで終わります。製造番号を入力する必要はありません。このアプリがパソコンと接続機器から読み取ります。',
    points: { one: 'パソコンと接続されている機器を自動で見つけます。', two: 'お名前と連絡先を一度だけ入力します。', three: '控えておく登録番号が発行されます。' },
    start: '登録を始める', later: 'あとで通知する', never: '今後表示しない',
    pendingTitle: '送信待ち', pendingBody: '{{device}}の登録内容はこのパソコンに保存されています。接続が回復すると送信されます。',
    deliveredTitle: '登録が完了しました', deliveredBody: '{{device}}を登録しました。登録番号：{{number}}', sendNow: '今すぐ送信',
  },
  scanning: { heading: '機器を確認しています', status: 'パソコンと接続されている機器を読み取っています…' },
  devices: {
    heading: '機器を選んでください', lead: '登録する機器、または登録内容を変更する機器を選んでください。',
    listLabel: 'このパソコンで見つかった機器', serial: '製造番号', noSerial: '製造番号なし', model: '型番',
    unavailableHeading: '登録できない機器', registered: '登録済み',
    actionLegend: '何をしますか？', actionNew: 'この機器を新しく登録する', actionNewHint: 'お客様情報を入力し、パスワードを決めます。',
    actionUpdate: '登録内容を変更する', actionUpdateHint: '以前に登録した内容を変更します。',
    chooseDevice: '続けるには機器を選んでください。', none: '登録できる機器が見つかりませんでした。', rescan: 'もう一度探す',
  },
  details: {
    heading: 'お客様情報', personalLegend: 'お名前と連絡先', lead: '{{device}}に関するご連絡のためだけに使います。', editHeading: '登録内容の確認と修正',
    fields: {
      name: 'お名前', nameKana: 'フリガナ', email: 'メールアドレス', phone: '電話番号',
      postalCode: '郵便番号', address: '住所', country: '国・地域',
    },
    hints: {
      name: '例：山田 太郎', nameKana: '例：ヤマダ タロウ', email: '例：taro@example.jp', phone: '例：03-1234-5678',
      postalCode: '例：100-0001', postalCodeOther: '', phoneOther: '市外局番から入力してください。', address: '例：東京都千代田区千代田1-1 ○○ビル 101', addressJa: '都道府県から建物名・部屋番号まで',
      country: '',
    },
    password: 'パスワード', passwordHint: '{{min}} 文字以上。登録内容を変更するときに必要です。',
    passwordConfirm: 'パスワード（確認）', newPassword: '新しいパスワード（任意）', newPasswordHint: '変更しない場合は空欄のままにしてください。',
    newPasswordConfirm: '新しいパスワード（確認）',
    privacyHeading: '個人情報の取り扱い', privacyBody: 'お客様の情報は、機器のサポートと保証サービスのためにのみ使用し、第三者に販売することはありません。プライバシーポリシー（第 {{version}} 版）：{{url}}',
    consent: 'プライバシーポリシーを読み、同意します。', review: '確認へ進む', save: '変更を保存',
  },
  countries: { JP: '日本', US: 'アメリカ合衆国', GB: 'イギリス', DE: 'ドイツ', FR: 'フランス', CN: '中国', KR: '韓国', TW: '台湾', AU: 'オーストラリア', CA: 'カナダ' },
  validation: {
    required: '入力してください。', email: 'name@example.jp のような形式で入力してください。', phone: '選んだ国の電話番号を入力してください。',
    postalJp: '郵便番号は 123-4567 の形式で入力してください。', postal: '正しい郵便番号を入力してください。', kana: 'フリガナはカタカナまたはひらがなで入力してください。',
    forbidden: '表示されない文字や制御文字を削除してください。', tooLong: '長すぎます。', tooShort: '{{min}} 文字以上で入力してください。',
    mismatch: '2 つのパスワードが一致しません。', consent: '続けるにはプライバシーポリシーへの同意が必要です。', country: '国・地域を選んでください。', generic: '入力内容を確認してください。',
  },
  review: {
    heading: '送信する内容の確認', lead: '以下の内容をそのまま送信します。機器の識別情報はパソコンから読み取ったもので、変更できません。',
    deviceHeading: '機器', customerHeading: 'お客様情報', vendor: 'メーカー', model: '型番', serial: '製造番号', kind: '種類',
    uuid: 'ハードウェア ID', password: 'パスワード', passwordValue: '設定済み（表示しません）', consent: 'プライバシーポリシー', consentValue: '同意済み（第 {{version}} 版）',
    edit: '入力内容を修正する', submit: '登録する', deviceGone: 'この機器を読み取れなくなりました。別の機器を選んでください。', notProvided: '―',
  },
  success: {
    heading: '登録が完了しました', lead: '{{device}}を登録しました。', addedLead: '{{device}}を登録に追加しました。',
    number: '登録番号', copy: '番号をコピー', copied: 'コピーしました', keep: 'この番号は大切に保管してください。サポートへのお問い合わせの際に必要です。',
    addAnother: '同じ登録番号に別の機器を登録する', finish: '終了',
  },
  duplicate: {
    heading: 'この{{device}}はすでに登録されています', lead: 'この{{device}}は登録済みです。',
    matched_serial: '製造番号が既存の登録と一致しました。', matched_hardwareUuid: 'ハードウェア ID が既存の登録と一致しました。',
    privacy: '個人情報保護のため、どなたの登録かはお知らせできません。', waysHeading: '次にできること', update: '登録内容の変更に切り替える',
    updateHint: '以前に登録された場合は、パスワードを入力して内容を変更できます。', another: '別の機器を選ぶ', support: 'サポートに問い合わせる',
    supportBody: 'フリーダイヤル 0120-000-000（平日 9:00〜18:00）、または support@example.com までご連絡ください。このアプリに表示された型番と製造番号をお伝えください。',
  },
  unreachable: {
    heading: '登録サービスに接続できません', lead: 'このパソコンがインターネットに接続されているか確認してから、もう一度お試しください。',
    later: 'あとで送信する', laterHint: '登録内容をこのパソコンに安全に保存し、接続が回復したら自動で送信します。',
    busy: '登録サービスが混み合っています。しばらく待ってからもう一度お試しください。',
  },
  pending: {
    heading: '保存しました。あとで送信します', lead: '登録内容は、登録サービスだけが読める形に暗号化してこのパソコンに保存しました。接続が回復すると自動で送信します。',
    status: '状態', statuses: { pending: '送信待ち', delivered: '登録済み', duplicate: 'すでに登録済み', rejected: '修正が必要', quarantined: '読み取れません' },
    sendNow: '今すぐ送信してみる', deliveredLead: '登録内容を送信しました。',
  },
  password: {
    heading: 'パスワードを入力してください', lead: '{{device}}を登録したときに決めたパスワードを入力してください。', label: 'パスワード', submit: '次へ',
    wrong_one: 'パスワードが違います。あと {{count}} 回試せます。', wrong_other: 'パスワードが違います。あと {{count}} 回試せます。',
    wrong_zero: 'パスワードが違います。試せる回数が残っていません。15 分ほど待ってからもう一度お試しください。',
    wrongNoCount: 'パスワードが違うか、この機器はまだ登録されていません。',
    locked: 'パスワードを続けて間違えたため、一時的にロックされています。{{time}} 以降（約 {{minutes}} 分後）にもう一度お試しください。', notRegistered: 'まだ登録していませんか？', registerInstead: 'この機器を新しく登録する',
  },
  updated: {
    heading: '登録内容を保存しました', changedLead: '変更した項目：', unchangedHeading: '変更はありませんでした',
    unchangedLead: '登録内容が以前と同じだったため、保存は行いませんでした。', password: 'パスワード', addDevice: '同じ登録番号に別の機器を登録する',
  },
  addDevice: {
    heading: '別の機器を登録する', lead: '登録番号 {{number}} に追加します。お客様情報を再度入力する必要はありません。',
    submit: '登録に追加する', none: '登録できる機器はすべて登録済みです。',
  },
  errors: {
    generic: '問題が発生しました。もう一度お試しください。', session: 'もう一度パスワードを入力してください。', invalid: '入力内容に修正が必要な項目があります。',
  },
};
